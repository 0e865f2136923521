"""Steps and texts the browser tests share."""

import re

from django.utils import translation
from django.utils.functional import Promise
from playwright.sync_api import Page

from portal.demo.data import ACCOUNTS, DEMO_PASSWORD

DASHBOARD = re.compile(r"/trang-cua-toi/$")
SIGN_IN_PATH = "/tai-khoan/dang-nhap/"
PHONE_VIEWPORT = {"width": 375, "height": 667}

# The demo accounts' e-mail addresses and full names, by role.
EMAILS = {key: email for key, _name, email, *_ in ACCOUNTS}
NAMES = {key: name for key, name, *_ in ACCOUNTS}


def sign_in(page: Page, login: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the form as a person would, and wait for the answer."""
    page.goto(SIGN_IN_PATH)
    page.locator("input[name=username]").fill(login)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()


def open_menu(page: Page, key: str) -> None:
    """Follow a menu item as a person would: open the collapsed menu on a
    phone, then the item's group if it is in one, then the item."""
    item = page.locator(f"[data-menu={key}]")
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible() and not page.locator("#main-menu.show").count():
        toggler.click()
    group = page.locator(f".dropdown:has([data-menu={key}]) [data-menu-group]")
    if group.count():
        group.click()
    item.click()


def menu_keys(page: Page) -> list[str]:
    return page.locator("[data-menu]").evaluate_all(
        "links => links.map(link => link.dataset.menu)"
    )


def _text_in(language: str, message: str | Promise) -> str:
    with translation.override(language):
        if isinstance(message, str):
            return translation.gettext(message)
        return str(message)


def in_vietnamese(message: str | Promise) -> str:
    """The Vietnamese text people see for a message of the code.

    Fails when the message has no Vietnamese translation: the page would
    then show the English text to a Vietnamese visitor.
    """
    vietnamese = _text_in("vi", message)
    english = _text_in("en", message)
    assert vietnamese != english, f"No Vietnamese translation for {english!r}"
    return vietnamese


def in_english(message: str | Promise) -> str:
    return _text_in("en", message)
