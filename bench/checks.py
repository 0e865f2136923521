"""What must hold before any figure is worth printing."""

import re

from bench.client import Browser
from bench.errors import BenchError

# Letters only Vietnamese uses among Latin scripts: the breve, horn and
# stroke letters and the precomposed tone marks of Latin Extended Additional.
_VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
_MAIN = re.compile(r"<main\b.*?</main>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
ENOUGH_LETTERS = 10


def check_home_page(browser: Browser, log_path: str) -> None:
    """The home page answers 200 and its own content is in Vietnamese.

    The language menu always says "Tiếng Việt", so only the page's main
    content counts.
    """
    page = browser.get("/")
    if page.status != 200:
        raise BenchError(
            f"the home page answered {page.status}, not 200 (server log: {log_path})"
        )

    html = page.text()
    if 'lang="vi"' not in html:
        raise BenchError('the home page is not marked lang="vi"')

    main = _MAIN.search(html)
    text = _TAG.sub(" ", main.group(0) if main else html)
    letters = len(_VIETNAMESE.findall(text))
    if letters < ENOUGH_LETTERS:
        raise BenchError(
            "the home page is not in Vietnamese: its main content has "
            f"{letters} Vietnamese letters, e.g. {' '.join(text.split())[:80]!r}. "
            "Are the translations written and compiled (make messages)?"
        )
