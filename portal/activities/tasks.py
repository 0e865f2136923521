"""Background tasks of the activities app."""

from django_tasks import task

from portal.activities.reminders import send_shift_reminders


@task()
def send_shift_reminders_task() -> int:
    return send_shift_reminders()
