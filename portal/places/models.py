"""Provinces and wards as in the official list since 1 July 2025.

Ho Chi Minh City (code 79) has two levels only: the city and its 168 wards
(phường, xã and the special zone Côn Đảo). Codes are the official ones.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.lib.text import fold

HCMC_CODE = 79


class Province(models.Model):
    code = models.PositiveIntegerField(_("code"), primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    codename = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class WardQuerySet(models.QuerySet["Ward"]):
    def in_city(self) -> "WardQuerySet":
        return self.filter(province_id=HCMC_CODE)

    def search(self, text: str) -> "WardQuerySet":
        """Wards whose name holds every folded word of the text, in order."""
        words = [w for w in fold(text).split() if w not in {"phuong", "xa", "p"}]
        qs = self
        for word in words:
            qs = qs.filter(name_folded__contains=word)
        return qs


class Ward(models.Model):
    class Kind(models.TextChoices):
        WARD = "phuong", _("ward (phường)")
        COMMUNE = "xa", _("commune (xã)")
        SPECIAL_ZONE = "dac_khu", _("special zone (đặc khu)")

    code = models.PositiveIntegerField(_("code"), primary_key=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="wards"
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    codename = models.CharField(max_length=100)
    # Folded name without the kind ("ben thanh"), for accent-free search.
    name_folded = models.CharField(max_length=100, db_index=True, editable=False)

    objects = WardQuerySet.as_manager()

    class Meta:
        ordering = ["province_id", "name"]
        verbose_name = _("ward")
        verbose_name_plural = _("wards")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.name_folded = fold_ward_name(self.name)
        super().save(*args, **kwargs)


def fold_ward_name(name: str) -> str:
    """Fold a ward name and drop its kind: "Phường Bến Thành" -> "ben thanh"."""
    folded = fold(name)
    for prefix in ("phuong ", "xa ", "dac khu "):
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


class CommunityChannel(models.Model):
    """A Zalo or Facebook group for volunteers of an area, listed by the city."""

    class Platform(models.TextChoices):
        ZALO = "zalo", "Zalo"
        FACEBOOK = "facebook", "Facebook"
        WEBSITE = "website", _("Website")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    platform = models.CharField(_("platform"), max_length=10, choices=Platform.choices)
    url = models.URLField(_("address"))
    wards = models.ManyToManyField(
        Ward, verbose_name=_("wards"), blank=True, related_name="channels"
    )
    area_text = models.CharField(_("area"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("listed"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("community channel")
        verbose_name_plural = _("community channels")

    def __str__(self) -> str:
        return self.name
