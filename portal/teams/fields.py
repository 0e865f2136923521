"""The fields of activity the city starts with; coordinators add more."""

from typing import Any

DEFAULT_FIELDS = [
    ("social_welfare", "An sinh xã hội"),
    ("education", "Giáo dục, dạy học"),
    ("health", "Y tế, hiến máu"),
    ("environment", "Môi trường"),
    ("traffic_safety", "An toàn giao thông"),
    ("digital", "Chuyển đổi số"),
    ("emergency", "Cứu hộ, cứu trợ"),
    ("culture_sport", "Văn hóa, thể thao"),
    ("other", "Khác"),
]


def ensure_default_fields(field_model: Any = None) -> None:
    """Add the default fields that are missing; keep any the city renamed.

    The model can be passed in so that a data migration can use its
    historical version.
    """
    if field_model is None:
        from portal.teams.models import Field as field_model

    for position, (code, name) in enumerate(DEFAULT_FIELDS):
        field_model.objects.get_or_create(
            code=code, defaults={"name": name, "position": position}
        )
