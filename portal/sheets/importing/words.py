"""Vietnamese (and English) words that name the portal's choices.

Units write "CLB", "Câu lạc bộ" or "Club"; "Mái ấm" or "Shelter". Each
table lists folded phrases and the choice they name, most specific first:
the first phrase found among a cell's words wins.
"""

from functools import lru_cache

from portal.lib.text import fold

Table = tuple[tuple[str, str], ...]

TEAM_KINDS: Table = (
    ("cau lac bo", "club"), ("clb", "club"), ("club", "club"),
    ("doi", "team"), ("doi hinh", "team"), ("team", "team"),
    ("nhom", "group"), ("group", "group"),
)  # fmt: skip

INSIDE_UNION: Table = (
    ("ngoai", "false"), ("outside", "false"), ("khong", "false"),
    ("trong", "true"), ("inside", "true"), ("truc thuoc", "true"),
    ("co", "true"), ("x", "true"),
)  # fmt: skip

TEAM_STATUSES: Table = (
    ("tam ngung", "paused"), ("tam dung", "paused"), ("tam nghi", "paused"),
    ("paused", "paused"),
    ("giai the", "dissolved"), ("ngung hoat dong", "dissolved"),
    ("dissolved", "dissolved"), ("da ngung", "dissolved"),
    ("dang hoat dong", "active"), ("hoat dong", "active"), ("active", "active"),
)  # fmt: skip

SITE_CATEGORIES: Table = (
    ("ngoai cong lap", "private_facility"), ("tu nhan", "private_facility"),
    ("private", "private_facility"),
    ("cong lap", "public_facility"), ("public", "public_facility"),
    ("ton giao", "religious_home"), ("chua", "religious_home"),
    ("nha tho", "religious_home"), ("tu vien", "religious_home"),
    ("religious", "religious_home"),
    ("mai am", "shelter"), ("shelter", "shelter"),
    ("nha mo", "open_house"), ("open house", "open_house"),
    ("ho gia dinh", "households"), ("gia dinh", "households"),
    ("households", "households"),
    ("benh vien", "hospital"), ("phong kham", "hospital"),
    ("tram y te", "hospital"), ("hospital", "hospital"),
    ("truong", "school"), ("school", "school"),
    ("trung tam", "centre"), ("centre", "centre"), ("center", "centre"),
    ("bao tro xa hoi", "public_facility"),
    ("khac", "other"), ("other", "other"),
)  # fmt: skip

BENEFICIARY_GROUPS: Table = (
    ("mo coi", "orphaned_children"), ("bo roi", "orphaned_children"),
    ("orphan", "orphaned_children"),
    ("khuyet tat", "disabilities"), ("disabilities", "disabilities"),
    ("tam than", "mental_illness"), ("mental", "mental_illness"),
    ("hiv", "hiv"),
    ("vo gia cu", "homeless"), ("lang thang", "homeless"),
    ("homeless", "homeless"),
    ("cao tuoi", "elderly_alone"), ("nguoi gia", "elderly_alone"),
    ("neo don", "elderly_alone"), ("elderly", "elderly_alone"),
    ("benh nhan", "patients"), ("nguoi benh", "patients"),
    ("patients", "patients"),
    ("tre em", "children_hardship"), ("children", "children_hardship"),
    ("khac", "other"), ("other", "other"),
)  # fmt: skip

# Fields of activity by the words units use; fields the city adds later
# are matched by their exact name.
FIELD_WORDS: Table = (
    ("an sinh", "social_welfare"), ("xa hoi", "social_welfare"),
    ("thien nguyen", "social_welfare"), ("social", "social_welfare"),
    ("giao duc", "education"), ("hoc tap", "education"),
    ("day hoc", "education"), ("day kem", "education"),
    ("education", "education"),
    ("y te", "health"), ("hien mau", "health"), ("suc khoe", "health"),
    ("health", "health"),
    ("moi truong", "environment"), ("environment", "environment"),
    ("giao thong", "traffic_safety"), ("traffic", "traffic_safety"),
    ("chuyen doi so", "digital"), ("digital", "digital"),
    ("cuu tro", "emergency"), ("cuu ho", "emergency"),
    ("thien tai", "emergency"), ("emergency", "emergency"),
    ("van hoa", "culture_sport"), ("the thao", "culture_sport"),
    ("culture", "culture_sport"),
    ("khac", "other"), ("other", "other"),
)  # fmt: skip


@lru_cache(maxsize=4096)
def lookup(table: Table, text: str) -> str | None:
    """The choice the text names, or None."""
    padded = f" {fold(text)} "
    for phrase, code in table:
        if f" {phrase} " in padded:
            return code
    return None


@lru_cache(maxsize=4096)
def lookup_all(table: Table, text: str) -> tuple[str, ...]:
    """Every choice the text names, in the table's order."""
    padded = f" {fold(text)} "
    found = [code for phrase, code in table if f" {phrase} " in padded]
    return tuple(dict.fromkeys(found))
