from typing import Any

import pytest
from django.core.cache import cache

from portal.lib.generations import Generation


@pytest.fixture
def generation() -> Generation:
    cache.delete("test:generation")
    return Generation("test:generation")


def test_the_number_stays_put_until_something_moves_it(generation: Generation):
    first = generation.current()

    assert generation.current() == first
    generation.move()
    assert generation.current() > first


def test_a_cache_that_lost_the_number_never_hands_out_an_older_one(
    generation: Generation,
):
    before = generation.current()
    generation.move()
    built_under = generation.current()

    cache.delete(generation.key)

    assert generation.current() not in (before, built_under)


@pytest.mark.django_db
def test_a_write_moves_the_number_again_when_its_transaction_commits(
    generation: Generation, django_capture_on_commit_callbacks: Any
):
    start = generation.current()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        generation.move_with_commit()
    seen_inside = generation.current()
    for callback in callbacks:
        callback()

    assert start < seen_inside < generation.current()
