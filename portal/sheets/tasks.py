"""Background tasks of the sheets app: reading and writing large imports."""

from django_tasks import task

from portal.sheets.importing import services


@task()
def analyse_sheet_import(*, import_id: int) -> None:
    services.analyse_import(import_id=import_id)


@task()
def commit_sheet_import(*, import_id: int, user_id: int | None) -> None:
    services.write_import(import_id=import_id, user_id=user_id)
