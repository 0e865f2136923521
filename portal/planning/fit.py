"""How well a site's groups and needs fit a team's fields of activity.

The city's default fields (see ``portal.teams.fields``) map to the groups
of people a team in that field usually works with and the needs it can
meet. A field the city adds later fits nothing until it is listed here.
"""

GROUPS_BY_FIELD: dict[str, frozenset[str]] = {
    "social_welfare": frozenset(
        {
            "orphaned_children",
            "children_hardship",
            "elderly_alone",
            "disabilities",
            "mental_illness",
            "homeless",
            "hiv",
        }
    ),
    "education": frozenset({"orphaned_children", "children_hardship", "disabilities"}),
    "health": frozenset(
        {"patients", "elderly_alone", "hiv", "mental_illness", "disabilities"}
    ),
    "emergency": frozenset({"homeless", "children_hardship", "elderly_alone"}),
    "culture_sport": frozenset({"orphaned_children", "children_hardship"}),
    "traffic_safety": frozenset({"children_hardship"}),
    "digital": frozenset({"children_hardship", "elderly_alone"}),
}

NEEDS_BY_FIELD: dict[str, frozenset[str]] = {
    "social_welfare": frozenset({"food", "supplies", "funds"}),
    "education": frozenset({"tutoring", "supplies"}),
    "health": frozenset({"health"}),
    "environment": frozenset({"repairs"}),
    "emergency": frozenset({"food", "supplies", "repairs"}),
    "culture_sport": frozenset({"supplies"}),
    "digital": frozenset({"tutoring"}),
}
