from django.db import migrations

from portal.lib.migrations import trigram_index


def add_fields(apps, schema_editor):  # type: ignore[no-untyped-def]
    from portal.teams.fields import ensure_default_fields

    ensure_default_fields(apps.get_model("teams", "Field"))


def fill_search_text(apps, schema_editor):  # type: ignore[no-untyped-def]
    from portal.lib.search import search_key

    team_model = apps.get_model("teams", "Team")
    for team in team_model.objects.all().iterator():
        team.search_text = search_key(team.name, team.leader_name, team.phone)
        team.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("teams", "0002_field_historicalteam_area_text_and_more")]

    operations = [
        migrations.RunPython(add_fields, migrations.RunPython.noop),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        trigram_index("teams_team", "search_text"),
    ]
