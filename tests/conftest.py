"""Shared fixtures: the demo data set and its named people.

The demo set is loaded once per test database. Tests that run in a
transaction see it and roll their own changes back. Tests that need real
commits (browser, concurrency) flush the database when they end, so their
fixtures load it again (``seeded_transactional_db``).
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings

from portal.demo.seed import seed_demo
from portal.places.models import Ward
from portal.places.services import load_official_places


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings: Any) -> None:
    """Run background tasks inline unless a test chooses the real queue."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        seed_demo()
    yield


@pytest.fixture
def seeded_transactional_db(transactional_db: None) -> None:
    load_official_places()
    seed_demo()


@pytest.fixture
def demo(db: None) -> dict[str, Any]:
    """The demo accounts by role: coordinator, officer, team_manager, ...

    A test that committed for real flushes the tables when it ends; the
    data then comes back inside this test's transaction.
    """
    if not Ward.objects.exists():
        load_official_places()
    return seed_demo()


def _account(demo: dict[str, Any], key: str) -> Any:
    user = demo[key]
    user.__dict__.pop("_portal_scope", None)
    return user


@pytest.fixture
def coordinator(demo: dict[str, Any]) -> Any:
    return _account(demo, "coordinator")


@pytest.fixture
def officer(demo: dict[str, Any]) -> Any:
    """Officer of the Bến Thành ward union, which has two branches."""
    return _account(demo, "officer")


@pytest.fixture
def officer_university(demo: dict[str, Any]) -> Any:
    return _account(demo, "officer_university")


@pytest.fixture
def team_manager(demo: dict[str, Any]) -> Any:
    """Manager of "CLB Tình nguyện Bến Thành"."""
    return _account(demo, "team_manager")


@pytest.fixture
def site_contact(demo: dict[str, Any]) -> Any:
    """Contact for "Mái ấm Hoa Hồng", a protected site in Bến Thành."""
    return _account(demo, "site_contact")


@pytest.fixture
def volunteer(demo: dict[str, Any]) -> Any:
    return _account(demo, "volunteer")


@pytest.fixture
def browser_path() -> str:
    return getattr(settings, "CHROMIUM_PATH", "/usr/bin/chromium")
