from django.db import migrations

from portal.lib.migrations import trigram_index


def fill_search_text(apps, schema_editor):  # type: ignore[no-untyped-def]
    from portal.lib.search import search_key

    site_model = apps.get_model("sites", "Site")
    for site in site_model.objects.all().iterator():
        site.search_text = search_key(site.name, site.managing_body, site.phone)
        site.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("sites", "0002_historicalsite_max_visitors_per_slot_and_more")]

    operations = [
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        trigram_index("sites_site", "search_text"),
    ]
