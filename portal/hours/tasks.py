"""Background tasks of the hours app."""

from django_tasks import task

from portal.hours.services import mark_no_shows


@task()
def mark_no_shows_task() -> int:
    """Run every few minutes, like the reminders: marks finished shifts."""
    return mark_no_shows()
