"""Dutch labels for the fixed values of the record model, as readers see them."""

EVIDENCE_LEVELS = {
    "niet-beoordeeld": "Niet beoordeeld",
    "goed-beschreven": "Goed beschreven",
    "goed-onderbouwd": "Goed onderbouwd",
    "effectief": "Effectief",
}
APPROACH_STATUSES = {"in-gebruik": "In gebruik", "gestopt": "Gestopt", "niet-werkzaam": "Niet werkzaam gebleken"}
PROJECT_STATUSES = {"lopend": "Lopend", "afgerond": "Afgerond", "gestopt": "Gestopt"}
