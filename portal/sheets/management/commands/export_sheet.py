"""Write Mẫu 1 or Mẫu 2 of a unit, the whole city or one round to a file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.core.errors import PortalError
from portal.sheets.downloads import FILE_TYPES, export_list


class Command(BaseCommand):
    help = (
        "Export the teams (Mẫu 1) or sites (Mẫu 2) of a unit and the units "
        "below it, of the whole city, or a round's merged list, as .xlsx or "
        ".csv (chosen by the output file's suffix)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--list", required=True, choices=["teams", "sites"])
        parser.add_argument("--unit", default="", help="unit code; default: city")
        parser.add_argument("--round", type=int, help="collection round id")
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        filetype = output.suffix.lower().lstrip(".")
        if filetype not in FILE_TYPES:
            raise CommandError(
                f"--output: the file must end in .xlsx or .csv, not {output.name!r}."
            )
        if not output.parent.is_dir():
            raise CommandError(f"--output: no such folder {output.parent}.")

        # Written beside the target first, so a refused export leaves no file.
        partial = output.with_name(f".{output.name}.part")
        try:
            result = export_list(
                by=None,
                kind=options["list"],
                filetype=filetype,  # type: ignore[arg-type]
                output=partial,
                unit_code=options["unit"],
                round_id=options["round"],
            )
        except PortalError as error:
            partial.unlink(missing_ok=True)
            where = f"--{error.field}: " if error.field else ""
            raise CommandError(f"{where}{error.message}") from None
        partial.replace(output)
        self.stdout.write(f"{result.rows} rows written to {output}")
