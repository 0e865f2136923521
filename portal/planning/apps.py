from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

# Changes to these make the planning snapshot of sites stale.
WATCHED = [
    "sites.Site",
    "sites.BeneficiaryGroup",
    "sites.VisitingSlot",
    "sites.Need",
    "coordination.Visit",
    "coordination.NeedClaim",
]


class PlanningConfig(AppConfig):
    name = "portal.planning"
    label = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from portal.core.signals import rows_written_in_bulk
        from portal.planning.profiles import invalidate

        def stale(**kwargs: object) -> None:
            invalidate()

        for label in WATCHED:
            model = self.apps.get_model(label)
            for signal in (post_save, post_delete, rows_written_in_bulk):
                signal.connect(stale, sender=model, weak=False)
