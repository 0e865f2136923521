from io import StringIO

from django.core.management import call_command


def test_the_openapi_schema_is_valid_and_generates_without_warnings(
    db: None,
) -> None:
    out = StringIO()

    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)

    assert "/api/v1/sites/" in out.getvalue()
