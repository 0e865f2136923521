"""The statements of a sign-up, written out in SQL.

A sign-up is the one write that arrives by the hundred in the same second,
so its few statements are the portal's hottest path. Built through the
ORM, the shift's locked read alone (a join, a correlated subquery, a row
lock) costs more Python time than the database takes to run it; written
once here it costs a tenth of that, and the whole request about a third
less.

Table and column names come from the models, so the statements follow a
renamed column; each is built once per process. Datetimes are read back the
way the backend hands them over: SQLite stores text, PostgreSQL returns
aware datetimes.
"""

import datetime as dt
import functools
from typing import NamedTuple

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from portal.accounts.models import User
from portal.activities.models import Activity, Shift, SignUp


def _table(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]


def _column(model: type, name: str) -> str:
    field = model._meta.get_field(name)  # type: ignore[attr-defined]
    return connection.ops.quote_name(field.column)


class ShiftState(NamedTuple):
    """What decides a sign-up, read under the shift's row lock."""

    starts_at: dt.datetime
    is_cancelled: bool
    capacity: int
    confirmed_count: int
    activity_state: str
    minimum_age: int | None
    clash: int | None


@functools.cache
def _read_shift_sql(*, lock: bool) -> str:
    shift, activity, signup = _table(Shift), _table(Activity), _table(SignUp)
    s = {name: _column(Shift, name) for name in ("id", "starts_at", "ends_at")}
    # The person's active sign-up at an overlapping time, if any; a
    # sign-up for this very shift overlaps it too.
    clash = (
        f"SELECT o.{_column(SignUp, 'shift')} FROM {signup} o "
        f"JOIN {shift} os ON os.{s['id']} = o.{_column(SignUp, 'shift')} "
        f"WHERE o.{_column(SignUp, 'volunteer')} = %s "
        f"AND o.{_column(SignUp, 'status')} <> %s "
        f"AND os.{s['starts_at']} < sh.{s['ends_at']} "
        f"AND os.{s['ends_at']} > sh.{s['starts_at']} LIMIT 1"
    )
    columns = ", ".join(
        [
            f"sh.{s['starts_at']}",
            f"sh.{_column(Shift, 'is_cancelled')}",
            f"sh.{_column(Shift, 'capacity')}",
            f"sh.{_column(Shift, 'confirmed_count')}",
            f"a.{_column(Activity, 'state')}",
            f"a.{_column(Activity, 'minimum_age')}",
            f"({clash})",
        ]
    )
    sql = (
        f"SELECT {columns} FROM {shift} sh "
        f"JOIN {activity} a ON a.{_column(Activity, 'id')} = "
        f"sh.{_column(Shift, 'activity')} "
        f"WHERE sh.{s['id']} = %s"
    )
    # Only the shift's row: its activity's is shared by the other shifts.
    return sql + " FOR UPDATE OF sh" if lock else sql


def lock_person(volunteer_id: int) -> None:
    """Queue this person's parallel requests behind each other.

    A "no key" lock, so that rows merely pointing at the person are not
    held up. Only where rows can be locked: SQLite's transactions already
    take the database's write lock when they begin.
    """
    if not connection.features.has_select_for_update:
        return
    with connection.cursor() as cursor:
        cursor.execute(_lock_person_sql(), [volunteer_id])
        cursor.fetchone()


def read_shift(shift_id: int, volunteer_id: int) -> ShiftState | None:
    """The shift's state and the person's clash, taking its row lock."""
    sql = _read_shift_sql(lock=connection.features.has_select_for_update)
    with connection.cursor() as cursor:
        cursor.execute(sql, [volunteer_id, SignUp.Status.CANCELLED.value, shift_id])
        row = cursor.fetchone()
    if row is None:
        return None
    starts_at, is_cancelled, capacity, confirmed, state, minimum_age, clash = row
    return ShiftState(
        starts_at=_as_datetime(starts_at),
        is_cancelled=bool(is_cancelled),
        capacity=capacity,
        confirmed_count=confirmed,
        activity_state=state,
        minimum_age=minimum_age,
        clash=clash,
    )


def take_place(shift_id: int) -> None:
    """Count one more confirmed person on the shift (its lock is held)."""
    with connection.cursor() as cursor:
        cursor.execute(_take_place_sql(), [shift_id])


@functools.cache
def _lock_person_sql() -> str:
    return (
        f"SELECT 1 FROM {_table(User)} "
        f"WHERE {_column(User, 'id')} = %s FOR NO KEY UPDATE"
    )


@functools.cache
def _take_place_sql() -> str:
    count = _column(Shift, "confirmed_count")
    return (
        f"UPDATE {_table(Shift)} SET {count} = {count} + 1 "
        f"WHERE {_column(Shift, 'id')} = %s"
    )


def insert_signup(
    *, shift_id: int, volunteer: User, status: str, added_by: User | None
) -> SignUp:
    """Insert the sign-up; the unique index refuses a second active one."""
    created_at = timezone.now()
    params = [
        shift_id,
        volunteer.pk,
        status,
        added_by.pk if added_by else None,
        connection.ops.adapt_datetimefield_value(created_at),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_insert_signup_sql(), params)
        (pk,) = cursor.fetchone()
    signup = SignUp(
        pk=pk,
        shift_id=shift_id,
        volunteer=volunteer,
        status=status,
        added_by=added_by,
        created_at=created_at,
    )
    signup._state.adding = False
    signup._state.db = connection.alias
    return signup


@functools.cache
def _insert_signup_sql() -> str:
    columns = ", ".join(
        _column(SignUp, name)
        for name in ("shift", "volunteer", "status", "added_by", "created_at")
    )
    return (
        f"INSERT INTO {_table(SignUp)} ({columns}) "
        f"VALUES (%s, %s, %s, %s, %s) RETURNING {_column(SignUp, 'id')}"
    )


def _as_datetime(value: dt.datetime | str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        parsed = value
    else:
        parsed = parse_datetime(value)
        if parsed is None:
            raise ValueError(f"not a datetime: {value!r}")
    if parsed.tzinfo is None:
        # Stored in UTC, as Django writes it with USE_TZ.
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed
