"""Collection rounds: asking units for their lists, submissions, review, reminders."""
