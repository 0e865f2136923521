"""Forgiving search over a folded text column, the same on every database.

Each searchable model keeps a ``search_text`` column: its folded name and
other findable words (see ``portal.lib.text.fold``). A query matches when
every one of its words appears in that column, in any order, so
"hoa hong mai am" finds "Mái ấm Hoa Hồng". When that finds nothing, the
words that no row has may differ by one letter (one typed wrong, one
missing or one too many), which forgives the common typo.

Words match from their start ("hoa" finds "hoa hong", not "khoa"). On
SQLite that is ``LIKE '% word%'`` on the folded column; on PostgreSQL the
same question goes to its text search (a prefix ``tsquery`` over a GIN
index of the column's words, with the "simple" configuration since the
text is folded already), which answers it without reading every row. The
folded text holds only ASCII letters, digits and single spaces, so both
split it into the same words and return the same rows. The forgiving pass
uses ``LIKE`` with wildcards on both; on PostgreSQL a trigram index
(pg_trgm) serves it.
"""

from typing import Any

from django.db.models import CharField, Lookup, Q, QuerySet, TextField
from django.db.models.sql.compiler import SQLCompiler

from portal.lib.phones import InvalidPhone, is_phone_like, normalize_phone
from portal.lib.text import fold

# Common abbreviations in unit lists and what they stand for.
ABBREVIATIONS = {
    "clb": "cau lac bo",
    "tn": "tinh nguyen",
    "tnv": "tinh nguyen vien",
    "ma": "mai am",
    "nm": "nha mo",
    "tt": "trung tam",
    "btxh": "bao tro xa hoi",
    "p": "phuong",
    "q": "quan",
}

# Words shorter than this must match exactly; a one-letter slip in "ma"
# would match half the city.
_MIN_FUZZY_LENGTH = 3
_MAX_QUERY_WORDS = 8


class Like(Lookup):
    """``column LIKE pattern`` with the pattern's wildcards kept as given."""

    lookup_name = "like"

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs}", [*lhs_params, *rhs_params]


class StartsWords(Lookup):
    """Every given folded word starts a word of the column's folded text."""

    lookup_name = "starts_words"
    # The right-hand side is a list of words, not a value of the column.
    prepare_rhs = False

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        words = list(self.rhs)
        sql = " AND ".join(f"{lhs} LIKE %s" for _ in words)
        return f"({sql})", [*lhs_params * len(words), *(f"% {w}%" for w in words)]

    def as_postgresql(
        self, compiler: SQLCompiler, connection: Any
    ) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        # Words are [a-z0-9]+ after folding, so they cannot carry tsquery
        # operators. The expression matches the GIN index's exactly.
        query = " & ".join(f"{word}:*" for word in self.rhs)
        return (
            f"to_tsvector('simple'::regconfig, {lhs}) "
            "@@ to_tsquery('simple'::regconfig, %s)",
            [*lhs_params, query],
        )


for _field in (CharField, TextField):
    _field.register_lookup(Like)
    _field.register_lookup(StartsWords)


def expand(folded: str) -> str:
    """Spell out known abbreviations in folded text."""
    words = folded.split()
    if ABBREVIATIONS.keys().isdisjoint(words):
        # Most names have none: saves a lookup per word on every save.
        return " ".join(words)
    return " ".join(ABBREVIATIONS.get(word, word) for word in words)


def search_key(*parts: str | None) -> str:
    """The text stored in a ``search_text`` column for these parts."""
    folded = " ".join(fold(part) for part in parts if part)
    return f" {expand(folded)} "


def query_words(text: str) -> list[str]:
    words = expand(fold(text)).split()
    unique = list(dict.fromkeys(words))
    return unique[:_MAX_QUERY_WORDS]


def one_letter_off(word: str) -> list[str]:
    """LIKE patterns for the word with one letter wrong, missing or extra."""
    patterns = {word}
    for i in range(len(word)):
        patterns.add(word[:i] + "_" + word[i + 1 :])
        patterns.add(word[:i] + word[i + 1 :])
    for i in range(len(word) + 1):
        patterns.add(word[:i] + "_" + word[i:])
    return sorted(patterns)


def _word_condition(column: str, word: str) -> Q:
    if len(word) < _MIN_FUZZY_LENGTH:
        return Q(**{f"{column}__like": f"% {word}%"})
    condition = Q()
    for pattern in one_letter_off(word):
        condition |= Q(**{f"{column}__like": f"% {pattern}%"})
    return condition


def matching(
    qs: QuerySet[Any], text: str, column: str = "search_text"
) -> QuerySet[Any]:
    """Rows whose column holds every word of the text (see module doc)."""
    words = query_words(text)
    if not words:
        return qs

    exact = qs.filter(**{f"{column}__starts_words": words})
    if exact.exists():
        return exact

    # Forgive only the words found nowhere: a word some row has is not a
    # slip, and each forgiven word costs many patterns.
    unknown = [w for w in words if not _found(qs, column, w)]
    known = [w for w in words if w not in unknown] if unknown else []
    forgiving = qs.filter(**{f"{column}__starts_words": known}) if known else qs
    for word in unknown or words:
        forgiving = forgiving.filter(_word_condition(column, word))
    return forgiving


def _found(qs: QuerySet[Any], column: str, word: str) -> bool:
    # LIKE rather than the word index: for a word found nowhere PostgreSQL
    # plans the trigram index well, while the text-search estimate can
    # send it reading every row.
    return qs.filter(**{f"{column}__like": f"% {word}%"}).exists()


def name_or_phone(qs: QuerySet[Any], text: str) -> QuerySet[Any]:
    """Rows found by name (see ``matching``), or by phone in any written form."""
    if is_phone_like(text):
        try:
            return qs.filter(phone=normalize_phone(text))
        except InvalidPhone:
            pass
    return matching(qs, text)
