from collections.abc import Iterator

import pytest

from portal.planning import profiles


@pytest.fixture(autouse=True)
def _fresh_snapshot() -> Iterator[None]:
    """Each test sees the sites as its own transaction left them."""
    profiles.forget()
    yield
    profiles.forget()
