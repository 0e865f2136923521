"""Background tasks of coordination."""

from django_tasks import task

from portal.coordination.services import lapse_claims


@task()
def lapse_overdue_claims() -> int:
    """Lapse promises past their date; safe to run any number of times."""
    return lapse_claims()
