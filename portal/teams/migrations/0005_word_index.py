from django.db import migrations

from portal.lib.migrations import word_index


class Migration(migrations.Migration):
    dependencies = [("teams", "0004_team_team_name_id")]

    operations = [word_index("teams_team", "search_text")]
