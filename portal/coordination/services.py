"""Asking for visits, answering them, claiming needs and delivering them.

The team side (ask, cancel, take a proposed time, claim, withdraw) needs
the right to change the team; the site side (accept, propose, decline,
confirm a delivery) the right to change the site: its contacts, its unit's
officers and the city's coordinators.
"""

import logging
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.access.policy import Action, get_visible, require
from portal.coordination.clashes import find_clashes
from portal.coordination.errors import (
    ActivityElsewhere,
    ClaimNotActive,
    ClaimOverQuantity,
    DeliveryDateInvalid,
    NeedNotOpen,
    TeamCannotAct,
    VisitClash,
    VisitInPast,
    VisitNotAnswerable,
    VisitNotCancellable,
    VisitTimeInvalid,
)
from portal.coordination.models import NeedClaim, Visit
from portal.notices.services import notify
from portal.sites.models import Need, Site
from portal.teams.models import Team, TeamMembership
from portal.units.models import Membership

logger = logging.getLogger(__name__)

TAKEN = (NeedClaim.Status.ACTIVE, NeedClaim.Status.DELIVERED)


# --- who is told -----------------------------------------------------------


def site_people(site: Site) -> list[Any]:
    """The site's contacts; without any, the officers of its unit."""
    people = [c.user for c in site.contacts.select_related("user")]
    if people:
        return people
    return [
        m.user
        for m in Membership.objects.filter(
            unit_id=site.unit_id, role=Membership.Role.OFFICER
        ).select_related("user")
    ]


def team_people(team: Team | None) -> list[Any]:
    if team is None:
        return []
    return [
        m.user
        for m in TeamMembership.objects.filter(
            team=team, role=TeamMembership.Role.MANAGER
        ).select_related("user")
    ]


def _tell(people: list[Any], *, title: str, url: str, key: str, body: str = "") -> None:
    notify(people, title=title, body=body, url=url, key=key)


# --- visits ----------------------------------------------------------------


def _check_team(team: Team) -> None:
    if team.status != Team.Status.ACTIVE or team.verification in (
        Team.Verification.SUSPENDED,
        Team.Verification.DISSOLVED,
    ):
        raise TeamCannotAct(field="team")


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise VisitTimeInvalid(field="ends_at")
    if starts_at <= timezone.now():
        raise VisitInPast(field="starts_at")


def _lock_site(site: Site) -> Site:
    # Two visits accepted at once could each fit under the limit and
    # together break it; locking the site row makes the checks take turns.
    return Site.objects.select_for_update().get(pk=site.pk)


def _refuse_blocking(clashes: Any) -> None:
    if clashes.blocking:
        raise clashes.blocking[0]


def visit_url(visit: Visit) -> str:
    return reverse("coordination:visit", args=[visit.pk])


@transaction.atomic
def ask_visit(
    *,
    by: Any,
    team: Team,
    site: Site,
    starts_at: datetime,
    ends_at: datetime,
    head_count: int,
    purpose: str,
    note: str = "",
    activity: Any = None,
    confirm_clash: bool = False,
) -> Visit:
    """A team asks to visit a site; warnings must be confirmed first."""
    require(by, Action.CHANGE, team)
    site = get_visible(by, Site, pk=site.pk)
    _check_team(team)
    _check_times(starts_at, ends_at)
    if activity is not None:
        # Only the activity's own organisers may speak for it, and only
        # about the site it serves.
        require(by, Action.CHANGE, activity)
        if activity.site_id != site.pk:
            raise ActivityElsewhere(field="activity")
    site = _lock_site(site)

    clashes = find_clashes(
        site=site,
        starts_at=starts_at,
        ends_at=ends_at,
        head_count=head_count,
        purpose=purpose,
        team_id=team.pk,
    )
    _refuse_blocking(clashes)
    if clashes.warnings and not confirm_clash:
        raise VisitClash(clashes.warnings)

    visit = Visit.objects.create(
        site=site,
        team=team,
        activity=activity,
        starts_at=starts_at,
        ends_at=ends_at,
        head_count=head_count,
        purpose=purpose,
        note=note,
        requested_by=by,
    )
    logger.info(
        "visit %s asked by team %s for site %s (user %s)",
        visit.pk,
        team.pk,
        site.pk,
        by.pk,
    )
    _tell(
        site_people(site),
        title=_("%(team)s asks to visit %(site)s on %(when)s")
        % {
            "team": team.name,
            "site": site.name,
            "when": timezone.localtime(starts_at).strftime("%d/%m/%Y %H:%M"),
        },
        url=visit_url(visit),
        key=f"visit-asked-{visit.pk}",
    )
    return visit


def _answerable(by: Any, visit: Visit) -> Visit:
    require(by, Action.CHANGE, visit.site)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status != Visit.Status.PENDING:
        raise VisitNotAnswerable()
    return visit


def _answered(visit: Visit, by: Any, status: str, note: str) -> None:
    visit.status = status
    visit.response_note = note
    visit.responded_by = by
    visit.responded_at = timezone.now()


@transaction.atomic
def accept_visit(*, by: Any, visit: Visit, note: str = "") -> Visit:
    """The site accepts; its limits are checked again against what it has
    accepted since the team asked."""
    site = _lock_site(visit.site)
    visit = _answerable(by, visit)
    clashes = find_clashes(
        site=site,
        starts_at=visit.starts_at,
        ends_at=visit.ends_at,
        head_count=visit.head_count,
        purpose=visit.purpose,
        team_id=visit.team_id,
        exclude=visit.pk,
    )
    _refuse_blocking(clashes)

    _answered(visit, by, Visit.Status.ACCEPTED, note)
    visit.save()
    logger.info("visit %s accepted by user %s", visit.pk, by.pk)
    _tell(
        team_people(visit.team),
        title=_("%(site)s accepted your visit on %(when)s")
        % {
            "site": site.name,
            "when": timezone.localtime(visit.starts_at).strftime("%d/%m/%Y %H:%M"),
        },
        url=visit_url(visit),
        key=f"visit-accepted-{visit.pk}",
    )
    return visit


@transaction.atomic
def propose_visit_time(
    *,
    by: Any,
    visit: Visit,
    starts_at: datetime,
    ends_at: datetime,
    note: str = "",
) -> Visit:
    """The site suggests another time, which must itself fit its limits."""
    site = _lock_site(visit.site)
    visit = _answerable(by, visit)
    _check_times(starts_at, ends_at)
    _refuse_blocking(
        find_clashes(
            site=site,
            starts_at=starts_at,
            ends_at=ends_at,
            head_count=visit.head_count,
            purpose=visit.purpose,
            team_id=visit.team_id,
            exclude=visit.pk,
        )
    )

    _answered(visit, by, Visit.Status.PROPOSED, note)
    visit.proposed_starts_at = starts_at
    visit.proposed_ends_at = ends_at
    visit.save()
    when = timezone.localtime(starts_at).strftime("%d/%m/%Y %H:%M")
    _tell(
        team_people(visit.team),
        title=_("%(site)s proposes another time for your visit: %(when)s")
        % {"site": site.name, "when": when},
        url=visit_url(visit),
        key=f"visit-proposed-{visit.pk}-{starts_at:%Y%m%d%H%M}",
    )
    return visit


@transaction.atomic
def decline_visit(*, by: Any, visit: Visit, note: str = "") -> Visit:
    visit = _answerable(by, visit)
    _answered(visit, by, Visit.Status.DECLINED, note)
    visit.save()
    _tell(
        team_people(visit.team),
        title=_("%(site)s declined your visit") % {"site": visit.site.name},
        body=note,
        url=visit_url(visit),
        key=f"visit-declined-{visit.pk}",
    )
    return visit


@transaction.atomic
def take_proposed_time(*, by: Any, visit: Visit) -> Visit:
    """The team agrees to the site's time: the visit moves and is accepted."""
    require(by, Action.CHANGE, visit.team)
    site = _lock_site(visit.site)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status != Visit.Status.PROPOSED:
        raise VisitNotAnswerable()
    _check_times(visit.proposed_starts_at, visit.proposed_ends_at)
    _refuse_blocking(
        find_clashes(
            site=site,
            starts_at=visit.proposed_starts_at,
            ends_at=visit.proposed_ends_at,
            head_count=visit.head_count,
            purpose=visit.purpose,
            team_id=visit.team_id,
            exclude=visit.pk,
        )
    )

    visit.starts_at = visit.proposed_starts_at
    visit.ends_at = visit.proposed_ends_at
    visit.proposed_starts_at = visit.proposed_ends_at = None
    visit.status = Visit.Status.ACCEPTED
    visit.save()
    _tell(
        site_people(site),
        title=_("%(team)s will come at the time you proposed")
        % {"team": visit.team.name},
        url=visit_url(visit),
        key=f"visit-took-time-{visit.pk}",
    )
    return visit


@transaction.atomic
def cancel_visit(*, by: Any, visit: Visit) -> Visit:
    require(by, Action.CHANGE, visit.team)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    open_states = (Visit.Status.PENDING, Visit.Status.ACCEPTED, Visit.Status.PROPOSED)
    if visit.status not in open_states or visit.starts_at <= timezone.now():
        raise VisitNotCancellable()
    was_accepted = visit.status == Visit.Status.ACCEPTED
    visit.status = Visit.Status.CANCELLED
    visit.save()
    if was_accepted:
        _tell(
            site_people(visit.site),
            title=_("%(team)s cancelled its visit on %(when)s")
            % {
                "team": visit.team.name,
                "when": timezone.localtime(visit.starts_at).strftime("%d/%m/%Y"),
            },
            url=visit_url(visit),
            key=f"visit-cancelled-{visit.pk}",
        )
    return visit


# --- claims on needs -------------------------------------------------------


def claimed_quantities(need: Need) -> tuple[int, int]:
    """(still promised, delivered) of a need with a quantity."""
    rows = dict(
        need.claims.filter(status__in=TAKEN)
        .values("status")
        .annotate(total=Sum("quantity"))
        .values_list("status", "total")
    )
    return (
        rows.get(NeedClaim.Status.ACTIVE) or 0,
        rows.get(NeedClaim.Status.DELIVERED) or 0,
    )


def _refresh_need(need: Need) -> None:
    """Set the need's state from its claims: open while some is unclaimed,
    claimed when all is promised, fulfilled when all is delivered."""
    # A need the site closed or withdrew by hand stays as the site set it.
    if need.status not in (Need.Status.OPEN, Need.Status.CLAIMED):
        return
    if need.quantity is None:
        states = set(need.claims.values_list("status", flat=True))
        if NeedClaim.Status.DELIVERED in states:
            status = Need.Status.FULFILLED
        elif NeedClaim.Status.ACTIVE in states:
            status = Need.Status.CLAIMED
        else:
            status = Need.Status.OPEN
    else:
        promised, delivered = claimed_quantities(need)
        if delivered >= need.quantity:
            status = Need.Status.FULFILLED
        elif promised + delivered >= need.quantity:
            status = Need.Status.CLAIMED
        else:
            status = Need.Status.OPEN
    if status != need.status:
        need.status = status
        need.save(update_fields=["status", "updated_at"])


def _lock_need(need: Need) -> Need:
    # Two teams claiming at once would both see the same quantity left and
    # together promise more than the site needs; the row lock on the need
    # makes the second wait and count the first one's claim.
    return Need.objects.select_for_update().select_related("site").get(pk=need.pk)


@transaction.atomic
def claim_need(
    *,
    by: Any,
    team: Team,
    need: Need,
    deliver_by: date,
    quantity: int | None = None,
    note: str = "",
) -> NeedClaim:
    """A team promises all (``quantity`` None) or part of a need."""
    require(by, Action.CHANGE, team)
    need = get_visible(by, Need, pk=need.pk)
    _check_team(team)
    if deliver_by < timezone.localdate():
        raise DeliveryDateInvalid(field="deliver_by")

    need = _lock_need(need)
    if need.status not in (Need.Status.OPEN, Need.Status.CLAIMED):
        raise NeedNotOpen()

    if need.quantity is None:
        if need.claims.filter(status__in=TAKEN).exists():
            raise ClaimOverQuantity(
                _("Another team has already promised this need."), field="quantity"
            )
        quantity = None
    else:
        promised, delivered = claimed_quantities(need)
        left = need.quantity - promised - delivered
        if quantity is None:
            quantity = left
        if quantity < 1 or quantity > left:
            raise ClaimOverQuantity(
                _(
                    "Only %(left)s %(unit)s of this need are left to claim; "
                    "you asked for %(asked)s."
                )
                % {"left": left, "unit": need.quantity_unit, "asked": quantity},
                field="quantity",
            )

    claim = NeedClaim.objects.create(
        need=need,
        team=team,
        quantity=quantity,
        deliver_by=deliver_by,
        note=note,
        claimed_by=by,
    )
    _refresh_need(need)
    logger.info(
        "need %s claimed by team %s (claim %s, user %s)",
        need.pk,
        team.pk,
        claim.pk,
        by.pk,
    )
    _tell(
        site_people(need.site),
        title=_("%(team)s promises to bring %(need)s by %(date)s")
        % {
            "team": team.name,
            "need": need.description[:60],
            "date": deliver_by.strftime("%d/%m/%Y"),
        },
        url=reverse("coordination:index"),
        key=f"claim-made-{claim.pk}",
    )
    return claim


def _locked_active_claim(claim: NeedClaim) -> tuple[NeedClaim, Need]:
    need = _lock_need(claim.need)
    claim = NeedClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != NeedClaim.Status.ACTIVE:
        raise ClaimNotActive()
    return claim, need


@transaction.atomic
def confirm_delivery(*, by: Any, claim: NeedClaim) -> NeedClaim:
    """The site says the team brought what it promised."""
    require(by, Action.CHANGE, claim.need.site)
    claim, need = _locked_active_claim(claim)
    claim.status = NeedClaim.Status.DELIVERED
    claim.delivered_at = timezone.now()
    claim.confirmed_by = by
    claim.save()
    _refresh_need(need)
    _tell(
        team_people(claim.team),
        title=_("%(site)s confirmed your delivery") % {"site": need.site.name},
        url=reverse("coordination:index"),
        key=f"claim-delivered-{claim.pk}",
    )
    return claim


@transaction.atomic
def withdraw_claim(*, by: Any, claim: NeedClaim) -> NeedClaim:
    require(by, Action.CHANGE, claim.team)
    claim, need = _locked_active_claim(claim)
    claim.status = NeedClaim.Status.WITHDRAWN
    claim.save()
    _refresh_need(need)
    _tell(
        site_people(need.site),
        title=_("%(team)s withdrew its promise: %(need)s")
        % {"team": claim.team.name, "need": need.description[:60]},
        url=reverse("coordination:index"),
        key=f"claim-withdrawn-{claim.pk}",
    )
    return claim


def lapse_claims(*, today: date | None = None) -> int:
    """Lapse every promise whose date passed without delivery; returns how
    many. Each claim in its own transaction, so one failure loses only it."""
    today = today or timezone.localdate()
    overdue = list(
        NeedClaim.objects.filter(
            status=NeedClaim.Status.ACTIVE, deliver_by__lt=today
        ).values_list("pk", flat=True)
    )
    lapsed = 0
    for pk in overdue:
        if _lapse_one(pk, today):
            lapsed += 1
    if lapsed:
        logger.info("lapsed %s need claims", lapsed)
    return lapsed


@transaction.atomic
def _lapse_one(pk: int, today: date) -> bool:
    claim = NeedClaim.objects.select_related("need", "team").get(pk=pk)
    need = _lock_need(claim.need)
    claim = NeedClaim.objects.select_for_update().get(pk=pk)
    # Delivered or withdrawn while the list was read: nothing to do.
    if claim.status != NeedClaim.Status.ACTIVE or claim.deliver_by >= today:
        return False

    claim.status = NeedClaim.Status.LAPSED
    claim.lapsed_at = timezone.now()
    claim.save()
    _refresh_need(need)
    title = _("A promise lapsed: %(team)s did not deliver %(need)s by %(date)s") % {
        "team": claim.team.name,
        "need": need.description[:60],
        "date": claim.deliver_by.strftime("%d/%m/%Y"),
    }
    _tell(
        site_people(need.site) + team_people(claim.team),
        title=title,
        body=_("The need is open again for other teams."),
        url=reverse("coordination:index"),
        key=f"claim-lapsed-{claim.pk}",
    )
    return True
