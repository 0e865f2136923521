from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from portal.places.services import load_official_places

    load_official_places(
        province_model=apps.get_model("places", "Province"),
        ward_model=apps.get_model("places", "Ward"),
    )


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
