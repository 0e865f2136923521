"""Inserting thousands of rows in a few statements.

Django's ``bulk_create`` prepares every value of every row through the
field and the query compiler, which for an import of 10,000 sites with
their history and groups costs seconds. Here each row is a dict of column
values already cleaned, the few fields that need converting for the
database (dates and times, JSON, decimals) go through the field once per
distinct value, and the rows are sent in a few statements:

- on PostgreSQL, as COPY's text, with the new ids drawn from the table's
  sequence beforehand: a long ``VALUES`` list would cost the driver more
  to parse than the server to insert;
- on SQLite, as multi-row ``VALUES`` statements (one prepared row run
  thousands of times costs more per row), returning the new ids in
  order, as ``bulk_create`` itself relies on.
"""

import json
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from itertools import chain, repeat
from operator import is_, itemgetter
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
_MAX_ROWS = 5_000


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


def _columns(
    fields: list[models.Field], rows: list[dict[str, Any]], blank: dict[str, Any]
) -> list[list[Any]]:
    """The rows' values, one list per field, ready for the database."""
    names = [f.attname for f in fields]
    pick = itemgetter(*names)
    picked = []
    for row in rows:
        try:
            picked.append(pick(row))
        except KeyError:
            # A column missing from a row takes the field's default.
            picked.append(pick({**blank, **row}))
    columns = [list(column) for column in zip(*picked, strict=True)]
    for index, field in enumerate(fields):
        convert = _converter(field)
        if convert is not None:
            columns[index] = [convert(value) for value in columns[index]]
    return columns


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
    columns = _columns(fields, rows, defaults(model))
    if connection.vendor == "postgresql":
        return _insert_copied(model, fields, columns, returning)
    quote = connection.ops.quote_name
    into = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(f.column) for f in fields)})"
    )
    back = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    return _insert_values(len(fields), columns, into, back)


def insert_history(
    model: type[models.Model], ids: list[int], marks: dict[str, Any]
) -> None:
    """Add a history row for each of the model's rows with these ids.

    The rows are copied by the database as they were just stored, so their
    values need not travel again; the marks (when, who, why, which change)
    and the defaults of any other column of the history are the same for
    all. History ids follow the rows' ids, as row-by-row saves give them.
    """
    if not ids:
        return
    history = model.history.model  # type: ignore[attr-defined]
    stored = {f.attname: f.column for f in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    columns: list[str] = []
    chosen: list[str] = []
    params: list[Any] = []
    for field in history._meta.concrete_fields:
        if isinstance(field, models.AutoField):
            continue
        columns.append(quote(field.column))
        if field.attname not in marks and field.attname in stored:
            chosen.append(quote(stored[field.attname]))
            continue
        value = marks.get(field.attname, field.get_default())
        chosen.append("%s")
        params.append(field.get_db_prep_save(value, connection))
    pk = quote(model._meta.pk.column)
    if connection.vendor == "postgresql":
        listed, listed_ids = f"{pk} = ANY(%s)", ids
    else:
        listed, listed_ids = (
            f"{pk} IN (SELECT value FROM json_each(%s))",
            json.dumps(ids),
        )
    sql = (
        f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(columns)}) "
        f"SELECT {', '.join(chosen)} FROM {quote(model._meta.db_table)} "
        f"WHERE {listed} ORDER BY {pk}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, listed_ids])


def _insert_copied(
    model: type[models.Model],
    fields: list[models.Field],
    columns: list[list[Any]],
    returning: bool,
) -> list[int]:
    quote = connection.ops.quote_name
    names = [quote(f.column) for f in fields]
    ids: list[int] = []
    with connection.cursor() as cursor:
        if returning:
            # COPY returns nothing: the ids are drawn from the table's
            # sequence first, in order, and written with the rows.
            pk = model._meta.pk.column
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                "FROM generate_series(1, %s)",
                [quote(model._meta.db_table), pk, len(columns[0])],
            )
            ids = sorted(row[0] for row in cursor.fetchall())
            columns = [ids, *columns]
            names = [quote(pk), *names]
        copy_sql = f"COPY {quote(model._meta.db_table)} ({', '.join(names)}) FROM STDIN"
        text = _copy_text(columns)
        with cursor.copy(copy_sql) as copy:
            if text is not None:
                copy.write(text)
            else:
                for row in zip(*columns, strict=True):
                    copy.write_row(row)
    return ids


# COPY's text format: a tab between columns, a new line after each row,
# \N for NULL, and these characters escaped inside a value.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NULL = "\\N"


def _copy_text(columns: list[list[Any]]) -> str | None:
    """The rows in COPY's text format, built a column at a time; None when
    a column holds values of a kind left to the driver to write."""
    written = []
    for column in columns:
        kinds = set(map(type, column))
        kinds.discard(type(None))
        if not kinds:
            written.append([_NULL] * len(column))
        elif kinds == {str}:
            written.append(_copy_texts(column))
        elif kinds == {bool}:
            written.append([_NULL if v is None else "t" if v else "f" for v in column])
        elif kinds <= {int, Decimal}:
            written.append([_NULL if v is None else str(v) for v in column])
        elif kinds <= {date, datetime}:
            # Dates, and times with their offset, as ISO 8601; an import
            # stamps one time on thousands of rows.
            shown = {v: v.isoformat() for v in set(column) if v is not None}
            written.append([_NULL if v is None else shown[v] for v in column])
        else:
            return None
    lines = map("\t".join, zip(*written, strict=True))
    return "\n".join(lines) + "\n"


def _copy_texts(column: list[str | None]) -> list[str]:
    joined = "".join(v for v in column if v is not None)
    if any(char in joined for char in "\\\t\n\r"):
        column = [v if v is None else v.translate(_COPY_ESCAPES) for v in column]
    return [_NULL if v is None else v for v in column]


def _insert_values(
    width: int, columns: list[list[Any]], into: str, back: str
) -> list[int]:
    ids: list[int] = []
    with connection.cursor() as cursor:
        # A column holding the same value on every row (the unit, the
        # time, a blank) is sent once rather than once per row: each
        # value bound costs about as much as the database's own work.
        same = [all(map(is_, column, repeat(column[0]))) for column in columns]
        if len(columns[0]) < 2 or all(same) or not any(same):
            same = [False] * width
        varying = [
            column for column, fixed in zip(columns, same, strict=True) if not fixed
        ]
        chosen, params, number = [], [], 0
        for column, fixed in zip(columns, same, strict=True):
            if fixed:
                chosen.append("%s")
                params.append(column[0])
            else:
                number += 1
                chosen.append(f"column{number}")
        placeholder = "(" + ", ".join(["%s"] * len(varying)) + ")"
        rows = list(zip(*varying, strict=True))
        per_statement = max(1, min(_MAX_ROWS, _MAX_PARAMETERS // len(varying)))
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = ", ".join([placeholder] * len(chunk))
            chunk_params = [*params, *chain.from_iterable(chunk)]
            sql = f"{into} SELECT {', '.join(chosen)} FROM (VALUES {values}){back}"
            cursor.execute(sql, chunk_params)
            if back:
                # Ids grow in the order the rows go in, whatever order the
                # database lists them back in.
                ids.extend(sorted(row[0] for row in cursor.fetchall()))
    return ids
