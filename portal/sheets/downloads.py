"""Who may export which list, and the export itself, logged.

An officer exports their own scope (a unit of theirs and every unit
below it), a city coordinator the whole city or one collection round's
merged list. The web page, the API and ``manage.py export_sheet`` all go
through ``export_list``, so every export is checked and logged the same
way: who, which list, which unit or round, how many rows.
"""

import logging
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import Q, QuerySet
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.access.policy import get_visible, scope_of
from portal.core.errors import AccessDenied, NotFound, PortalError
from portal.rounds.merging import merged_records
from portal.rounds.models import Round
from portal.sheets.columns import ListKind
from portal.sheets.export import Output, write_csv, write_xlsx
from portal.sheets.records import site_records, team_records
from portal.sites.models import Site
from portal.teams.models import Team
from portal.units.models import Unit

logger = logging.getLogger(__name__)

FileType = Literal["xlsx", "csv"]
FILE_TYPES: tuple[FileType, ...] = ("xlsx", "csv")
CONTENT_TYPES: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
FILE_PREFIX: dict[ListKind, str] = {"teams": "mau1", "sites": "mau2"}


class ExportNotAllowed(AccessDenied):
    code = "export_not_allowed"
    default_message = _("Only unit officers and city coordinators may export lists.")


class RoundExportNotAllowed(AccessDenied):
    code = "round_export_not_allowed"
    default_message = _("Only city coordinators may export a round's merged list.")


class UnitAndRoundTogether(PortalError):
    status = 400
    code = "unit_and_round"
    default_message = _("Round: choose a unit or a round, not both.")


@dataclass(frozen=True)
class ExportResult:
    rows: int
    filename: str
    content_type: str


@dataclass(frozen=True)
class _Source:
    records: Iterable[Mapping[str, str]]
    issuer: str
    parent: str
    subtitle: str
    slug: str


def export_list(
    *,
    by: Any,
    kind: ListKind,
    filetype: FileType,
    output: Output,
    unit_code: str = "",
    round_id: int | None = None,
) -> ExportResult:
    """Write the list the person asked for to ``output``; log the export.

    ``by`` is the person exporting, or None for the city's own staff on the
    command line, who export as a coordinator would.
    """
    if unit_code and round_id is not None:
        raise UnitAndRoundTogether(field="round")
    if round_id is not None:
        source = _round_source(by, kind, round_id)
    else:
        source = _scope_source(by, kind, unit_code)

    today = timezone.localdate()
    if filetype == "csv":
        rows = write_csv(kind, source.records, output)
    else:
        rows = write_xlsx(
            kind,
            source.records,
            issuer=source.issuer,
            parent=source.parent,
            subtitle=source.subtitle,
            output=output,
            when=today,
        )

    logger.info(
        "sheet export by user=%s list=%s scope=%s filetype=%s rows=%s",
        getattr(by, "pk", None) or "command-line",
        kind,
        source.slug,
        filetype,
        rows,
    )
    return ExportResult(
        rows=rows,
        filename=f"{FILE_PREFIX[kind]}-{source.slug}-{today:%Y%m%d}.{filetype}",
        content_type=CONTENT_TYPES[filetype],
    )


def export_response(*, by: Any, **choices: Any) -> FileResponse:
    """The export as a download, for the page and the API alike."""
    # On disk rather than in memory: a city-wide list runs to megabytes.
    # The response closes the file once sent; a refused export closes it here.
    output = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        result = export_list(by=by, output=output, **choices)
    except BaseException:
        output.close()
        raise
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename=result.filename,
        content_type=result.content_type,
    )


def listed_queryset(kind: ListKind, paths: Iterable[str] | None) -> QuerySet:
    """Teams or sites of the units at or below the paths; None: the city."""
    model = Team if kind == "teams" else Site
    qs = model.objects.all()
    if paths is not None:
        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(unit__path__startswith=path)
        qs = qs.filter(condition)
    # Grouped by unit as the merged list is read, then by name.
    return qs.order_by("unit__path", "name", "pk")


def records_of(kind: ListKind, qs: QuerySet) -> Iterable[dict[str, str]]:
    return team_records(qs) if kind == "teams" else site_records(qs)


def exportable_units(user: Any) -> QuerySet[Unit]:
    """The units a person may pick on the export page: theirs and one level down."""
    scope = scope_of(user)
    if scope.is_coordinator:
        return Unit.objects.filter(depth__lte=1)
    if not scope.is_officer:
        return Unit.objects.none()
    condition = Q(pk__in=[])
    for path in scope.unit_paths:
        depth = path.strip("/").count("/")
        condition |= Q(path__startswith=path, depth__lte=depth + 1)
    return Unit.objects.filter(condition)


def _scope_source(by: Any, kind: ListKind, unit_code: str) -> _Source:
    scope = scope_of(by) if by is not None else None
    is_city = scope is None or scope.is_coordinator
    if scope is not None and not scope.is_staff_like:
        raise ExportNotAllowed()

    if unit_code:
        units = Unit.objects.select_related("parent")
        if by is None:
            unit = units.filter(code=unit_code).first()
            if unit is None:
                raise NotFound(field="unit")
        else:
            unit = get_visible(by, units, code=unit_code)
        return _unit_source(kind, [unit])

    if is_city:
        root = Unit.objects.filter(parent__isnull=True).order_by("path").first()
        return _Source(
            records=records_of(kind, listed_queryset(kind, None)),
            issuer=root.name if root else "Thành Đoàn TP. Hồ Chí Minh",
            parent="",
            subtitle="",
            slug="thanh-pho",
        )

    assert scope is not None
    units = list(
        Unit.objects.filter(path__in=scope.unit_paths)
        .select_related("parent")
        .order_by("path")
    )
    return _unit_source(kind, units)


def _unit_source(kind: ListKind, units: list[Unit]) -> _Source:
    first = units[0]
    return _Source(
        records=records_of(kind, listed_queryset(kind, [u.path for u in units])),
        issuer=first.name,
        parent=first.parent.name if first.parent else "",
        subtitle="",
        slug=first.code,
    )


def _round_source(by: Any, kind: ListKind, round_id: int) -> _Source:
    if by is not None and not scope_of(by).is_coordinator:
        raise RoundExportNotAllowed()
    round = Round.objects.filter(pk=round_id).first()
    if round is None:
        raise NotFound(field="round")
    root = Unit.objects.filter(parent__isnull=True).order_by("path").first()
    return _Source(
        records=merged_records(round, kind, approved_only=True),
        issuer=root.name if root else "Thành Đoàn TP. Hồ Chí Minh",
        parent="",
        subtitle=_round_subtitle(round),
        slug=f"dot-{round.pk}",
    )


def _round_subtitle(round: Round) -> str:
    """The line under the title naming the letter that asked for the list."""
    if not round.reference:
        return ""
    return f"(Kèm theo Công văn số {round.reference} ngày {round.opens_on:%d/%m/%Y})"
