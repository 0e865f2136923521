from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

# Changes to these make the coverage snapshot stale (``snapshot.py``).
COVERAGE_INPUTS = ["coordination.Visit", "sites.Need", "sites.Site", "places.Ward"]


class CoordinationConfig(AppConfig):
    name = "portal.coordination"
    label = "coordination"
    verbose_name = _("Coordination")

    def ready(self) -> None:
        from portal.coordination.snapshot import coverage_changed
        from portal.core.signals import rows_written_in_bulk

        for label in COVERAGE_INPUTS:
            model = self.apps.get_model(label)
            for signal in (post_save, post_delete, rows_written_in_bulk):
                signal.connect(coverage_changed, sender=model, weak=False)
