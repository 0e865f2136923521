from django.db import migrations

from portal.lib.migrations import word_index


class Migration(migrations.Migration):
    dependencies = [("sites", "0004_site_site_name_id")]

    operations = [word_index("sites_site", "search_text")]
