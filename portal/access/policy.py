"""What a person may see and change. Nothing else in the portal decides it.

Every view and API endpoint asks this module, in one of three ways:

- ``visible(user, Model)`` for lists: a QuerySet of the rows the user may
  see (their scope, plus what is public), so lists cannot leak rows;
- ``managed(user, Model)`` for the working lists of officers and managers:
  only the rows in the user's scope, without the public ones;
- ``can(user, action, obj)`` / ``require(...)`` for one object.

Scopes: a city coordinator sees the whole city; a unit officer their units
and everything below them; a team manager their teams; a site contact
their sites; a volunteer and the public only what is public.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from portal.activities.models import (
    Activity,
    ActivityPhoto,
    ApprovalSetting,
    CalendarFeed,
    CampaignTag,
    RosterExport,
    Shift,
    SignUp,
)
from portal.coordination.models import NeedClaim, Visit
from portal.core.errors import AccessDenied, NotFound
from portal.hours.models import Certificate, ExportLog, HourRecord, SocialWorkRule
from portal.notices.models import Notice
from portal.places.models import CommunityChannel
from portal.planning.models import Plan, PlanAssignment
from portal.rounds.models import (
    Announcement,
    AnnouncementRead,
    Assignment,
    DuplicateDecision,
    Question,
    RecordComment,
    Round,
    StateChange,
    Submission,
)
from portal.sheets.models import SheetImport
from portal.sites.models import BeneficiaryGroup, Need, Site, SiteContact, VisitingSlot
from portal.teams.models import Field, Team, TeamMembership
from portal.units.models import Membership, Unit

M = TypeVar("M", bound=Model)


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    # Setting a team's verification state: officers of its unit only.
    VERIFY = "verify"
    # A protected site's street address, position and contact.
    VIEW_PRIVATE = "view_private"


@dataclass(frozen=True)
class Scope:
    user_id: int | None = None
    is_coordinator: bool = False
    unit_paths: tuple[str, ...] = ()
    officer_unit_ids: frozenset[int] = frozenset()
    team_ids: frozenset[int] = frozenset()
    verified_team_ids: frozenset[int] = frozenset()
    site_ids: frozenset[int] = frozenset()

    @property
    def is_officer(self) -> bool:
        return bool(self.unit_paths)

    @property
    def is_staff_like(self) -> bool:
        return self.is_coordinator or self.is_officer

    def covers_path(self, path: str) -> bool:
        return self.is_coordinator or any(path.startswith(p) for p in self.unit_paths)


ANONYMOUS = Scope()


def scope_of(user: Any) -> Scope:
    """The user's scope, computed once per user object (so once a request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS

    cached = getattr(user, "_portal_scope", None)
    if cached is not None:
        return cached

    memberships = list(
        Membership.objects.filter(user=user).values_list(
            "role", "unit_id", "unit__path"
        )
    )
    is_coordinator = user.is_superuser or any(
        role == Membership.Role.COORDINATOR for role, _, _ in memberships
    )
    paths = _outermost(
        path for role, _, path in memberships if role == Membership.Role.OFFICER
    )
    teams = list(
        TeamMembership.objects.filter(
            user=user, role=TeamMembership.Role.MANAGER
        ).values_list("team_id", "team__verification")
    )

    scope = Scope(
        user_id=user.pk,
        is_coordinator=is_coordinator,
        unit_paths=paths,
        officer_unit_ids=frozenset(
            unit_id
            for role, unit_id, _ in memberships
            if role == Membership.Role.OFFICER
        ),
        team_ids=frozenset(team_id for team_id, _ in teams),
        verified_team_ids=frozenset(
            team_id for team_id, state in teams if state == Team.Verification.VERIFIED
        ),
        site_ids=frozenset(
            SiteContact.objects.filter(user=user).values_list("site_id", flat=True)
        ),
    )
    user._portal_scope = scope
    return scope


def forget_scope(user: Any) -> None:
    """Drop the cached scope after the user's memberships changed."""
    user.__dict__.pop("_portal_scope", None)


def _outermost(paths: Any) -> tuple[str, ...]:
    """Drop paths that lie below another one: the outer path covers them."""
    result: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(outer) for outer in result):
            result.append(path)
    return tuple(result)


@dataclass(frozen=True)
class Rule:
    """How rows of one model relate to the scopes above.

    ``unit_path`` is the lookup from the row to its unit's path; ``team``
    and ``site`` the lookups to the team or site whose managers or contacts
    may act on it; ``owner`` the lookup to the one person whose row it is
    (their notice, their sign-up). ``public`` is the condition for rows
    anyone may see.
    """

    unit_path: str | None
    team: str | None = None
    site: str | None = None
    owner: str | None = None
    public: Q | None = None
    # Officers see these rows through their units but only coordinators
    # change them (a round asks a unit; the city runs it).
    city_changes_only: bool = False


# What anyone may see, as conditions on the row itself, so that a public
# list is one plain filter the database can index.
EVERY_ROW = Q(pk__isnull=False)
VERIFIED_TEAMS = Q(verification=Team.Verification.VERIFIED)
OPEN_NEEDS = Q(status__in=[Need.Status.OPEN, Need.Status.CLAIMED])
LISTED = Q(is_active=True)
CALENDAR = Q(
    status__in=[Visit.Status.PENDING, Visit.Status.ACCEPTED],
    site__is_protected=False,
)
PROMISED = Q(status=NeedClaim.Status.ACTIVE, need__site__is_protected=False)
# Activities are public once published, and stay so when done.
SHOWN_ACTIVITIES = Q(state__in=["published", "completed"])
SHOWN_SHIFTS = Q(activity__state__in=["published", "completed"])


RULES: dict[type[Model], Rule] = {
    Unit: Rule(unit_path="path"),
    Membership: Rule(unit_path="unit__path"),
    Team: Rule(unit_path="unit__path", team="pk", public=VERIFIED_TEAMS),
    TeamMembership: Rule(unit_path="team__unit__path", team="team_id"),
    # Sites are on the public map; their private fields are hidden by
    # the serializers and templates, which ask for VIEW_PRIVATE.
    Site: Rule(unit_path="unit__path", site="pk", public=EVERY_ROW),
    SiteContact: Rule(unit_path="site__unit__path", site="site_id"),
    BeneficiaryGroup: Rule(
        unit_path="site__unit__path", site="site_id", public=EVERY_ROW
    ),
    VisitingSlot: Rule(unit_path="site__unit__path", site="site_id", public=EVERY_ROW),
    # Site contacts and officers post needs; everyone sees the open ones.
    Need: Rule(unit_path="site__unit__path", site="site_id", public=OPEN_NEEDS),
    # Lists the city keeps: everyone reads them, coordinators change them.
    Field: Rule(unit_path=None, public=LISTED),
    CommunityChannel: Rule(unit_path=None, public=LISTED),
    # A notice is its reader's alone; coordinators see them all.
    Notice: Rule(unit_path=None, owner="user_id"),
    # Collection rounds: officers see the rounds asking their units and
    # their units' rows; the city opens, reviews and announces.
    Round: Rule(unit_path="assignments__unit__path", city_changes_only=True),
    Assignment: Rule(unit_path="unit__path"),
    Submission: Rule(unit_path="assignment__unit__path"),
    StateChange: Rule(unit_path="assignment__unit__path"),
    RecordComment: Rule(unit_path="submission__assignment__unit__path"),
    # Answered questions are the round's FAQ, shown to every asked unit.
    Question: Rule(unit_path="unit__path", public=Q(answered_at__isnull=False)),
    Announcement: Rule(unit_path="units__path", city_changes_only=True),
    AnnouncementRead: Rule(unit_path=None, owner="user_id"),
    DuplicateDecision: Rule(unit_path=None),
    # A site's calendar: teams see who is coming before they ask, except
    # at protected sites. The team asks and cancels; the site answers
    # (services check CHANGE on the site for that).
    Visit: Rule(
        unit_path="site__unit__path",
        team="team_id",
        site="site_id",
        public=CALENDAR,
    ),
    # Promises on a need are shown so two teams don't bring the same thing.
    NeedClaim: Rule(
        unit_path="need__site__unit__path",
        team="team_id",
        site="need__site_id",
        public=PROMISED,
    ),
    # Organisers are the team's managers and the managing unit's officers.
    Activity: Rule(unit_path="unit__path", team="team_id", public=SHOWN_ACTIVITIES),
    ActivityPhoto: Rule(
        unit_path="activity__unit__path",
        team="activity__team_id",
        public=SHOWN_SHIFTS,
    ),
    Shift: Rule(
        unit_path="activity__unit__path",
        team="activity__team_id",
        public=SHOWN_SHIFTS,
    ),
    # A sign-up is seen by its volunteer and the shift's organisers only.
    SignUp: Rule(
        unit_path="shift__activity__unit__path",
        team="shift__activity__team_id",
        owner="volunteer_id",
    ),
    CampaignTag: Rule(unit_path=None, public=LISTED),
    ApprovalSetting: Rule(unit_path="unit__path"),
    CalendarFeed: Rule(unit_path=None, owner="volunteer_id"),
    RosterExport: Rule(unit_path="activity__unit__path"),
    # City plans are the coordinators' alone; each suggestion in one is
    # answered by the team's managers or the officers above the team.
    Plan: Rule(unit_path=None),
    PlanAssignment: Rule(unit_path="team__unit__path", team="team_id"),
    # Hours: the volunteer themself, the activity's organisers (its team's
    # managers) and the officers of the credited unit and above. Services
    # also refuse anyone deciding on their own hours.
    HourRecord: Rule(
        unit_path="unit__path", team="activity__team_id", owner="volunteer_id"
    ),
    Certificate: Rule(unit_path="unit__path", owner="volunteer_id"),
    # Who exported personal data is for coordinators, and each person's own.
    ExportLog: Rule(unit_path=None, owner="user_id"),
    SocialWorkRule: Rule(unit_path="unit__path", public=EVERY_ROW),
    # An uploaded list is seen and written by the officers of its unit.
    SheetImport: Rule(unit_path="unit__path"),
}


def _rule(model: type[Model]) -> Rule:
    try:
        return RULES[model]
    except KeyError:
        raise LookupError(f"No access rule for {model.__name__}") from None


def _scope_condition(scope: Scope, rule: Rule, action: Action) -> Q | None:
    """The rows in the scope as a Q object; None means every row."""
    if scope.is_coordinator:
        return None

    condition = Q(pk__in=[])
    if rule.city_changes_only and action != Action.VIEW:
        return condition
    if rule.unit_path is not None:
        for path in scope.unit_paths:
            condition |= Q(**{f"{rule.unit_path}__startswith": path})

    # Managers and contacts act on their own team or site, but only the
    # unit's officers set a team's verification.
    if rule.team and scope.team_ids and action != Action.VERIFY:
        condition |= Q(**{f"{rule.team}__in": scope.team_ids})

    if rule.site and scope.site_ids and action != Action.VERIFY:
        condition |= Q(**{f"{rule.site}__in": scope.site_ids})

    if rule.owner and scope.user_id is not None and action != Action.VERIFY:
        condition |= Q(**{rule.owner: scope.user_id})

    return condition


def _as_queryset(model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
    if isinstance(model_or_qs, QuerySet):
        return model_or_qs
    return model_or_qs._default_manager.all()


def managed(
    user: Any, model_or_qs: type[M] | QuerySet[M], action: Action = Action.VIEW
) -> QuerySet[M]:
    """Rows in the user's own scope, for working lists and changes."""
    qs = _as_queryset(model_or_qs)
    scope = scope_of(user)
    if scope is ANONYMOUS:
        return qs.none()

    condition = _scope_condition(scope, _rule(qs.model), action)
    return qs if condition is None else qs.filter(condition)


def visible(user: Any, model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
    """Rows the user may see: their scope plus whatever is public."""
    qs = _as_queryset(model_or_qs)
    rule = _rule(qs.model)
    scope = scope_of(user)

    condition = (
        None if scope is ANONYMOUS else _scope_condition(scope, rule, Action.VIEW)
    )
    if scope.is_coordinator:
        return qs
    if rule.public is EVERY_ROW:
        return qs
    if rule.public is not None:
        public = rule.public
        condition = public if condition is None else condition | public
    if condition is None:
        return qs.none()
    return qs.filter(condition)


def can(user: Any, action: Action, obj: Model) -> bool:
    """Whether the user may do the action on this one object."""
    scope = scope_of(user)
    if action == Action.VIEW_PRIVATE:
        return _can_view_private(scope, obj)
    if scope.is_coordinator:
        return True

    model = type(obj)
    qs = visible(user, model) if action == Action.VIEW else managed(user, model, action)
    return qs.filter(pk=obj.pk).exists()


def _can_view_private(scope: Scope, obj: Model) -> bool:
    if not isinstance(obj, Site) or not obj.is_protected:
        return True
    return (
        scope.is_coordinator
        or scope.is_officer
        or bool(scope.verified_team_ids)
        or obj.pk in scope.site_ids
    )


def require(user: Any, action: Action, obj: Model) -> None:
    """Raise ``AccessDenied`` unless the user may do the action."""
    if not can(user, action, obj):
        raise AccessDenied()


def get_visible(user: Any, model_or_qs: type[M] | QuerySet[M], **lookup: Any) -> M:
    """One object the user may see; an object outside the scope is not found.

    Saying "not found" rather than "forbidden" keeps people from learning
    which records exist outside their scope.
    """
    obj = visible(user, model_or_qs).filter(**lookup).first()
    if obj is None:
        raise NotFound()
    return obj


def get_managed(
    user: Any,
    model_or_qs: type[M] | QuerySet[M],
    action: Action = Action.CHANGE,
    **lookup: Any,
) -> M:
    """One object the user may act on; raise NotFound or AccessDenied."""
    qs = _as_queryset(model_or_qs)
    obj = visible(user, qs).filter(**lookup).first()
    if obj is None:
        raise NotFound()
    if not managed(user, qs, action).filter(pk=obj.pk).exists():
        raise AccessDenied()
    return obj


def may_use_admin(user: Any) -> bool:
    """The Django admin is for city coordinators only."""
    return scope_of(user).is_coordinator
