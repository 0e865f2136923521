import logging
from typing import Any

import pytest
from django.test import Client


def test_the_home_page_shows_the_public_figures_in_vietnamese(
    demo: Any, client: Client
) -> None:
    response = client.get("/")
    page = response.content.decode()

    assert response.status_code == 200
    assert 'lang="vi"' in page
    assert 'data-figure="wards">168<' in page
    assert 'data-figure="teams">5<' in page


def test_english_can_be_chosen(demo: Any, client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    page = client.get("/").content.decode()

    assert 'lang="en"' in page
    assert "Sign in" in page


def test_ping_answers_without_the_database(client: Client) -> None:
    response = client.get("/-/ping")

    assert response.content == b"ok"


def test_ready_checks_the_database_and_cache(db: None, client: Client) -> None:
    assert client.get("/-/ready").json() == {"database": "ok", "cache": True}


def test_every_response_carries_a_request_id_that_logs_repeat(
    volunteer: Any, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    client.force_login(volunteer)

    response = client.get("/don-vi/doan-p-sai-gon/", HTTP_X_REQUEST_ID="abc12345-req")

    assert response["X-Request-Id"] == "abc12345-req"
    ours = [
        r for r in caplog.records if getattr(r, "request_id", None) == "abc12345-req"
    ]
    assert ours
    assert all(r.user_id == str(volunteer.pk) for r in ours)


def test_a_made_up_request_id_is_replaced(client: Client) -> None:
    response = client.get("/-/ping", HTTP_X_REQUEST_ID="<script>")

    assert response["X-Request-Id"] != "<script>"
    assert len(response["X-Request-Id"]) == 32


def test_the_api_docs_and_schema_are_served_without_a_cdn(
    db: None, client: Client
) -> None:
    docs = client.get("/api/docs/").content.decode()
    schema = client.get("/api/schema/")

    assert schema.status_code == 200
    assert "/api/v1/units/" in schema.content.decode()
    assert "cdn" not in docs.lower()
