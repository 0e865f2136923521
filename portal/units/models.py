"""The tree of Union units and the officers who work for them.

The tree has any depth: the City Union at the root, its direct units
(ward unions, universities, enterprises, associations), then their
branches. Each unit stores the path of ids from the root ("/1/4/17/") so
that "this unit and everything below it" is one indexed prefix query.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.lib.text import fold


class UnitQuerySet(models.QuerySet["Unit"]):
    def subtree_of(self, paths: "list[str] | tuple[str, ...]") -> "UnitQuerySet":
        """Units at or below any of the given paths."""
        if not paths:
            return self.none()
        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        return self.filter(condition)


class Unit(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", _("City Union")
        WARD = "ward", _("Ward or commune union")
        UNIVERSITY = "university", _("University or college")
        ENTERPRISE = "enterprise", _("Enterprise")
        ARMED_FORCES = "armed_forces", _("Armed forces")
        YOUTH_FEDERATION = "youth_federation", _("Youth Federation")
        STUDENTS_ASSOCIATION = "students_association", _("Students' Association")
        PIONEER_COUNCIL = "pioneer_council", _("Pioneer Council")
        SERVICE_UNIT = "service_unit", _("Service unit")
        BRANCH = "branch", _("Branch")
        OTHER = "other", _("Other")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    ward = models.ForeignKey(
        "places.Ward",
        verbose_name=_("ward"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone number"), max_length=15, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name_folded = models.CharField(max_length=200, editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()
    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> "UnitQuerySet":
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1]]
        return Unit.objects.filter(pk__in=ids).order_by("depth")


class Membership(models.Model):
    """A person working for a unit, as its officer or as a city coordinator.

    A coordinator sees the whole city; an officer sees their unit and all
    units below it.
    """

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("City coordinator")
        OFFICER = "officer", _("Unit officer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"], name="membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


def folded_unit_name(name: str) -> str:
    return fold(name)
