"""Forgiving search. The suite runs on SQLite and on PostgreSQL, so these
expectations hold on both: the same query gives the same rows."""

from typing import Any

import pytest

from portal.lib.search import matching, one_letter_off
from portal.sites.models import Site
from portal.teams.models import Team

ROSES = "Mái ấm Hoa Hồng"


def names(qs: Any) -> list[str]:
    return sorted(qs.values_list("name", flat=True))


@pytest.mark.parametrize(
    "query",
    [
        "mai am hoa hong",
        "hoa hong mai am",
        "MÁI ẤM HOA HỒNG",
        "hoa hong",
        "ma hoa hong",
        "mai am hoa hog",
        "mia am hoa hong",
    ],
)
def test_a_site_is_found_whatever_the_accents_order_or_one_slip(
    demo: Any, query: str
) -> None:
    assert names(matching(Site.objects.all(), query)) == [ROSES]


def test_abbreviations_find_the_words_they_stand_for(demo: Any) -> None:
    found = names(matching(Team.objects.all(), "clb tn ben thanh"))

    assert found == ["CLB Tình nguyện Bến Thành"]


def test_words_match_from_their_start_not_inside_other_words(demo: Any) -> None:
    # "am" starts "ấm" but is not searched inside "Nam" or "Tâm".
    found = names(matching(Site.objects.all(), "am"))

    assert ROSES in found
    assert "Mái ấm Thiện Tâm" in found
    assert "Trường chuyên biệt Ánh Sáng" not in found


def test_exact_matches_come_first_and_slips_only_when_nothing_matches(
    demo: Any,
) -> None:
    other = Site.objects.get(name=ROSES)
    other.pk = None
    other.name = "Mái ấm Hoa Hường"
    other.refresh_derived()
    other.save()

    assert names(matching(Site.objects.all(), "hoa hong")) == [ROSES]
    assert names(matching(Site.objects.all(), "hoa huong")) == ["Mái ấm Hoa Hường"]
    assert names(matching(Site.objects.all(), "hoa hung")) == [
        "Mái ấm Hoa Hường",
        ROSES,
    ]


def test_nothing_is_found_for_a_word_nobody_has(demo: Any) -> None:
    assert names(matching(Site.objects.all(), "xyzzy")) == []


def test_an_empty_query_narrows_nothing(demo: Any) -> None:
    assert matching(Site.objects.all(), "  ").count() == Site.objects.count()


def test_one_letter_off_covers_a_wrong_a_missing_and_an_extra_letter() -> None:
    patterns = one_letter_off("hong")

    assert "h_ng" in patterns
    assert "hng" in patterns
    assert "ho_ng" in patterns
