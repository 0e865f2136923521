"""Inserting thousands of rows in a few multi-row statements.

Django's ``bulk_create`` prepares every value of every row through the
field and the query compiler, which for an import of 10,000 sites with
their history and groups costs seconds. Here each row is a dict of column
values already cleaned, the few fields that need converting for the
database (dates and times, JSON, decimals) go through the field, and rows
are sent in statements of up to a thousand, returning the new ids in order
as ``bulk_create`` itself relies on for SQLite and PostgreSQL.
"""

from collections.abc import Callable
from typing import Any

from django.db import connection, models

# Fields whose values the database driver takes as they are.
_PLAIN = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)
# SQLite allows 32,766 parameters in one statement.
_MAX_PARAMETERS = 30_000
_MAX_ROWS = 1_000


def defaults(model: type[models.Model]) -> dict[str, Any]:
    """Every column's default, as a new instance would have it."""
    return {
        field.attname: field.get_default()
        for field in model._meta.concrete_fields
        if not isinstance(field, models.AutoField)
    }


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    if isinstance(field, _PLAIN) and not isinstance(field, models.JSONField):
        return None

    # Imports stamp one time on every row: convert it once.
    last: list[Any] = [None, None]

    def convert(value: Any) -> Any:
        if value is None:
            return None
        if value is not last[0]:
            last[0], last[1] = value, field.get_db_prep_save(value, connection)
        return last[1]

    return convert


def insert(
    model: type[models.Model], rows: list[dict[str, Any]], *, returning: bool
) -> list[int]:
    """Insert the rows (attname -> value); return their new ids, in order.

    A column missing from a row takes the field's default.
    """
    if not rows:
        return []
    fields = [
        f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)
    ]
    names = [f.attname for f in fields]
    blank = defaults(model)
    converters = [(i, c) for i, f in enumerate(fields) if (c := _converter(f))]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    pk = quote(model._meta.pk.column)
    per_statement = max(1, min(_MAX_ROWS, _MAX_PARAMETERS // len(fields)))

    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            params: list[Any] = []
            for row in chunk:
                values = [row[name] if name in row else blank[name] for name in names]
                for index, convert in converters:
                    values[index] = convert(values[index])
                params.extend(values)
            sql = (
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
                f"VALUES {', '.join([placeholder] * len(chunk))}"
            )
            if returning:
                cursor.execute(f"{sql} RETURNING {pk}", params)
                ids.extend(row[0] for row in cursor.fetchall())
            else:
                cursor.execute(sql, params)
    return ids
