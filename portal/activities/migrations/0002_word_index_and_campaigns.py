from django.db import migrations

from portal.lib.migrations import trigram_index, word_index

CAMPAIGNS = [
    ("xuan-tinh-nguyen", "Xuân tình nguyện", False),
    ("mua-he-xanh", "Mùa hè xanh", False),
    ("chu-nhat-xanh", "Chủ nhật xanh", False),
    ("hien-mau", "Hiến máu", True),
]


def add_campaigns(apps, schema_editor):
    CampaignTag = apps.get_model("activities", "CampaignTag")
    for position, (code, name, blood) in enumerate(CAMPAIGNS):
        CampaignTag.objects.get_or_create(
            code=code,
            defaults={"name": name, "is_blood_donation": blood, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [
        word_index("activities_activity", "search_text"),
        trigram_index("activities_activity", "search_text"),
        migrations.RunPython(add_campaigns, migrations.RunPython.noop),
    ]
