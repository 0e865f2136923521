"""Import a Mẫu 1 (teams) or Mẫu 2 (sites) list from the command line.

Without ``--commit`` only the report is printed (a dry run). Exit status:
0 when the file was read, even with refused rows; 2 when the file itself
cannot be used; 1 for a wrong argument.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.sheets.importing.errors import SheetUnusable
from portal.sheets.importing.plan import run
from portal.units.models import Unit

UNUSABLE_FILE = 2


class Command(BaseCommand):
    help = "Import a Mẫu 1 (teams) or Mẫu 2 (sites) spreadsheet into a unit."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=".xlsx, .xls, .ods or .csv")
        parser.add_argument("--list", required=True, choices=["teams", "sites"])
        parser.add_argument("--unit", required=True, help="the unit's code")
        parser.add_argument("--commit", action="store_true", help="write the changes")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"No unit has the code {options['unit']!r}.")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            self._unusable(options, f"{path}: {error.strerror}")
            return
        try:
            plan = run(
                data,
                kind=options["list"],
                unit=unit,
                by=None,
                commit=options["commit"],
                reason=f"import_sheet {path.name}",
            )
        except SheetUnusable as error:
            self._unusable(options, str(error.message), error.code)
            return

        summary = plan.summary()
        if options["format"] == "json":
            summary.pop("rows")
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        self._print_text(summary)

    def _unusable(self, options: dict[str, Any], message: str, code: str = "") -> None:
        if options["format"] == "json":
            body = {"error": code or "unreadable_file", "message": message}
            self.stdout.write(json.dumps(body, ensure_ascii=False))
        else:
            self.stderr.write(message)
        sys.exit(UNUSABLE_FILE)

    def _print_text(self, summary: dict[str, Any]) -> None:
        self.stdout.write(
            f"{summary['rows_total']} rows: {summary['rows_valid']} valid, "
            f"{summary['rows_invalid']} refused; {summary['new']} new, "
            f"{summary['to_update']} to update, {summary['unchanged']} unchanged, "
            f"{summary['possible_duplicates']} possible duplicates."
        )
        for kind in ("errors", "warnings"):
            for issue in summary[kind]:
                self.stdout.write(
                    f"{kind[:-1]}: row {issue['row']} [{issue['column']}] "
                    f"{issue['message']}"
                )
        if summary["committed"]:
            self.stdout.write(
                f"Written: {summary['created']} created, {summary['updated']} updated."
            )
        else:
            self.stdout.write("Dry run: nothing written (add --commit to apply).")
