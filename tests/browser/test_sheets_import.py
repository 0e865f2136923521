"""An officer uploads their unit's list, reviews the report and writes it."""

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from portal.units.models import Unit
from tests.browser.helpers import EMAILS, in_vietnamese, open_menu, sign_in

pytestmark = pytest.mark.browser

MAU1 = (
    Path(__file__).parent.parent
    / "sheets"
    / "files"
    / "mau1-doan-phuong-ben-thanh.xlsx"
)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_an_officer_uploads_reviews_and_writes_a_list_then_finds_its_teams(
    page: Page,
) -> None:
    sign_in(page, EMAILS["officer"])
    open_menu(page, "import")
    expect(page).to_have_url(re.compile(r"/bang-tinh/nhap/$"))

    page.locator("select[name=list]").select_option("teams")
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    page.locator("select[name=unit]").select_option(str(unit.pk))
    page.locator("input[name=file]").set_input_files(str(MAU1))
    with page.expect_navigation():
        page.get_by_role("button", name=in_vietnamese("Read the file")).click()

    expect(page.locator("[data-count=rows_total]")).to_have_text("12")
    expect(page.locator("[data-count=rows_invalid]")).to_have_text("0")
    expect(page.locator("[data-count=new]")).to_have_text("12")
    row = page.locator("tr[data-row='10']")
    expect(row).to_contain_text("Nhóm Cơm Yêu Thương")
    expect(row).to_contain_text(in_vietnamese("New"))

    with page.expect_navigation():
        page.locator("[data-action=commit]").click()

    expect(page.locator("[data-status=committed]")).to_be_visible()
    expect(page.locator("[data-count=created]")).to_have_text("12")

    open_menu(page, "teams")
    page.locator("input[name=q]").fill("com yeu thuong")
    page.locator("input[name=q]").press("Enter")
    expect(page.get_by_role("link", name="Nhóm Cơm Yêu Thương")).to_be_visible()
