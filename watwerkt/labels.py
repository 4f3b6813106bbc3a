"""Dutch labels for the fixed values of the record model, as readers see them."""

EVIDENCE_LEVELS = {
    "niet-beoordeeld": "Niet beoordeeld",
    "niet-erkend": "Niet erkend",
    "goed-beschreven": "Goed beschreven",
    "goed-onderbouwd": "Goed onderbouwd",
    "effectief": "Effectief",
}
# The steps of the Dutch recognition ladder, lowest first: the overview shows how many an
# approach has reached (the other levels reach none).
RECOGNITION_STEPS = ("goed-beschreven", "goed-onderbouwd", "effectief")
EVIDENCE_STRENGTHS = {"eerste": "eerste aanwijzingen", "goede": "goede aanwijzingen", "sterke": "sterke aanwijzingen"}
# Levels only a recognition committee gives (Movisie, NJi, Loket Gezond Leven): they need `door` and a source.
OFFICIAL_LEVELS = ("niet-erkend", "goed-beschreven", "goed-onderbouwd", "effectief")
APPROACH_STATUSES = {"in-gebruik": "In gebruik", "gestopt": "Gestopt", "niet-werkzaam": "Niet werkzaam gebleken"}
PROJECT_STATUSES = {"lopend": "Lopend", "afgerond": "Afgerond", "gestopt": "Gestopt", "onbekend": "Niet bekend"}
RESULT_KINDS = {"uitkomst": "Uitkomst", "bereik": "Bereik"}
EXPERTS_BY_EXPERIENCE_ROLES = {"kern": "De kern van de aanpak", "onderdeel": "Een onderdeel van de aanpak", "onbekend": "Niet bekend"}
