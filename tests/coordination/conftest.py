from collections.abc import Iterator

import pytest

from portal.coordination import snapshot


@pytest.fixture(autouse=True)
def _fresh_coverage_snapshot() -> Iterator[None]:
    """Each test sees the coverage its own transaction left, not the one a
    test before it built from rows since rolled back."""
    snapshot.forget()
    yield
    snapshot.forget()
