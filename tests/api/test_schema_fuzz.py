"""Property-based tests of the JSON API against its own OpenAPI schema.

Schemathesis reads the schema the portal publishes at /api/schema/ and
sends generated requests, valid and invalid ones, to every operation
through the WSGI application, in process. Each response must not be a
server error and must match what the schema promises for it.

Writes: every example runs inside a savepoint that is rolled back
afterwards, so a PATCH or PUT that succeeds leaves the demo data as it was
for the next example, and the ``db`` fixture rolls back the whole test at
its end. This works because the WSGI application runs in the test's own
thread and uses its database connection. The alternative, committing for
real and flushing and reseeding the database after each example, would
take about a second per example instead of a few milliseconds.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)

from config.wsgi import application
from portal.places.models import Ward
from portal.sites.models import Need, Site
from portal.teams.models import Team
from portal.units.models import Unit

# What a caller may rely on: no server error, and a body, content type and
# headers as the schema describes them. The schema documents only the
# successful answer of each operation, so refusals (400, 401, 403, 404)
# are checked for being no server error but not for their status code.
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    response_headers_conformance,
]

FUZZ_SETTINGS = settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


@pytest.fixture
def requests_keep_the_test_transaction() -> Iterator[None]:
    """Keep Django from closing the connection at the end of each request.

    Called straight through WSGI, Django's request signals close a
    connection that is not in autocommit mode, which is always the case
    inside the test transaction. Django's own test client disconnects the
    same handler around its requests, for the same reason.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Loaded when the module is collected: producing the schema reads no data.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def existing_keys(demo: dict[str, Any]) -> dict[str, tuple[str, list[Any]]]:
    """Path parameter and values of records that exist, by route.

    Generated ids and codes almost never match a record, which would leave
    reads and writes of real records untested; about half of the examples
    use one of these instead.
    """
    wards = Ward.objects.in_city().order_by("code").values_list("code", flat=True)
    return {
        "/api/v1/teams/{id}/": ("id", list(Team.objects.values_list("pk", flat=True))),
        "/api/v1/sites/{id}/": ("id", list(Site.objects.values_list("pk", flat=True))),
        "/api/v1/needs/{id}/": ("id", list(Need.objects.values_list("pk", flat=True))),
        "/api/v1/units/{code}/": (
            "code",
            list(Unit.objects.values_list("code", flat=True)),
        ),
        "/api/v1/wards/{code}/": ("code", [str(code) for code in wards[:20]]),
    }


@pytest.fixture
def coordinator_headers(coordinator: Any) -> dict[str, str]:
    token, _ = Token.objects.get_or_create(user=coordinator)
    return {"Authorization": f"Token {token.key}"}


def _aim_at_existing_records(
    case: schemathesis.Case,
    data: st.DataObject,
    keys: dict[str, tuple[str, list[Any]]],
) -> None:
    if case.operation.path not in keys:
        return
    name, values = keys[case.operation.path]
    if values and data.draw(st.booleans(), label="an existing record"):
        case.path_parameters = {name: data.draw(st.sampled_from(values))}


def _call_and_roll_back(
    case: schemathesis.Case, headers: dict[str, str] | None
) -> None:
    with transaction.atomic():
        case.call_and_validate(headers=headers, checks=CHECKS)
        transaction.set_rollback(True)


@schema.given(data=st.data())
@schema.parametrize()
@FUZZ_SETTINGS
def test_the_api_serves_a_city_coordinator_as_its_schema_says(
    case: schemathesis.Case,
    data: st.DataObject,
    existing_keys: dict[str, tuple[str, list[Any]]],
    requests_keep_the_test_transaction: None,
    coordinator_headers: dict[str, str],
) -> None:
    _aim_at_existing_records(case, data, existing_keys)
    _call_and_roll_back(case, coordinator_headers)


@schema.given(data=st.data())
@schema.parametrize()
@FUZZ_SETTINGS
def test_the_api_serves_an_anonymous_caller_as_its_schema_says(
    case: schemathesis.Case,
    data: st.DataObject,
    existing_keys: dict[str, tuple[str, list[Any]]],
    requests_keep_the_test_transaction: None,
) -> None:
    _aim_at_existing_records(case, data, existing_keys)
    _call_and_roll_back(case, None)
