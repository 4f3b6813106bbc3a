"""The record types of the kennisbank.

Field names are the YAML keys (Dutch, as contributors write them). Each field's description
documents it for contributors; the same models give the JSON Schema. Rules that need more
than one field or more than one record (references, "reason required when stopped") live in
`validation`, where the error can name the right field.
"""
from __future__ import annotations

import datetime
import re
import typing
import unicodedata
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

# --- value types ---------------------------------------------------------------------------

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ID_MAX_LENGTH = 80  # ids become file names and URLs
_RESERVED_IDS = {"index", "pagina", "lesmateriaal"}  # the index page of a folder; the projectenbank's pages
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
_SCRIPT_URL = re.compile(r"\b(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
# Dutch mobile numbers belong to persons; organisations publish a general number.
_MOBILE_NUMBER = re.compile(r"(?<!\d)(?:\+31[\s-]?|0)6(?:[\s-]?\d){8}(?!\d)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\r\n\x85\u2028\u2029]")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# The shapes of a person's address, not an organisation's: initials and a surname
# ("s.jansen@", "jh.van.dijk@"), or first and last name at a mail provider for private people
# ("jan.jansen@gmail.com"). "info.groningen@humanitas.nl" is an organisation's.
_PERSONAL_EMAIL_SHAPE = (
    r"(?:[A-Za-z]{1,2}\.(?:(?:van|de|der|den|ten|ter|te|het|in)\.)*[A-Za-z-]+@[A-Za-z0-9-]+\."
    r"|[A-Za-z]+\.[A-Za-z.-]+@(?:gmail|googlemail|hotmail|outlook|live|msn|yahoo|icloud|me|ziggo|kpnmail|kpnplanet"
    r"|planet|hetnet|home|xs4all|casema|upcmail|chello|zeelandnet)\.)"
)
_PERSONAL_EMAIL = re.compile(r"\b" + _PERSONAL_EMAIL_SHAPE, re.IGNORECASE)
_MUNICIPALITY_CODE = re.compile(r"GM\d{4}")


def _record_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise ValueError(
            f"'{value[:60]}' is geen geldige id: gebruik alleen kleine letters, cijfers en streepjes, zoals 'samen-sterk'"
        )
    if len(value) > _ID_MAX_LENGTH:
        raise ValueError(f"id is te lang: {len(value)} tekens, hoogstens {_ID_MAX_LENGTH}")
    if value in _RESERVED_IDS:
        raise ValueError(f"'{value}' is gereserveerd; kies een andere id")
    return value


def _clean_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value).strip()
    if _CONTROL.search(value):
        raise ValueError("tekst bevat onzichtbare stuurtekens; plak de tekst opnieuw als platte tekst")
    if _HTML_TAG.search(value):
        raise ValueError("HTML is niet toegestaan; gebruik gewone tekst (of Markdown in lange teksten)")
    if _SCRIPT_URL.search(value):
        raise ValueError("'javascript:', 'vbscript:' en 'data:' zijn niet toegestaan in tekst")
    if _MOBILE_NUMBER.search(value):
        raise ValueError("een 06-nummer is persoonlijk; noem het algemene contactpunt van de organisatie")
    if _PERSONAL_EMAIL.search(value):
        raise ValueError("dit lijkt het e-mailadres van een persoon; noem een algemeen adres van de organisatie")
    if not value:
        raise ValueError("mag niet leeg zijn")
    return value


def _one_line(value: str) -> str:
    if _LINE_BREAKS.search(value):
        raise ValueError("moet op één regel passen")
    return value


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https", "mailto"):
        raise ValueError(f"'{value}' is geen geldige link: begin met https://, http:// of mailto:")
    if parts.scheme == "mailto":
        _email(parts.path)
    elif not parts.netloc or "." not in parts.netloc or " " in value:
        raise ValueError(f"'{value}' is geen geldig webadres")
    return value


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError(f"'{value}' is geen geldig e-mailadres")
    if _PERSONAL_EMAIL.match(value):
        raise ValueError(
            f"'{value}' lijkt het adres van een persoon; gebruik een algemeen adres van de organisatie (zoals info@...)"
        )
    return value


def _partial_date(value: object) -> str:
    """Accept 2017, "2017-09" and 2017-09-01: sources often give only a year or a month."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        day_one = {4: "-01-01", 7: "-01", 10: ""}[len(value)]
        try:
            datetime.date.fromisoformat(value + day_one)
            return value
        except ValueError:
            pass
    raise ValueError(f"'{value}' is geen geldige datum; schrijf JJJJ-MM-DD, JJJJ-MM of JJJJ")


def _real_date(value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"'{value}' is geen geldige datum; schrijf JJJJ-MM-DD") from None


def _municipality_code(value: str) -> str:
    if not _MUNICIPALITY_CODE.fullmatch(value):
        raise ValueError(f"'{value}' is geen CBS-gemeentecode; die ziet eruit als GM0047")
    return value


# The patterns say in the JSON Schema (for editors and the web form) what the validators check;
# "x-vorm" says it in words, for the form's messages.
Id = Annotated[str, AfterValidator(_record_id), Field(json_schema_extra={
    "pattern": _ID.pattern, "maxLength": _ID_MAX_LENGTH, "x-vorm": "kleine letters, cijfers en streepjes, zoals buurtkamer-emmen"})]
_ONE_LINE_PATTERN = r"^[^\r\n\u0085\u2028\u2029<]*$"
_ONE_LINE = {"pattern": _ONE_LINE_PATTERN, "x-vorm": "één regel tekst, zonder het teken <"}
Line = Annotated[str, AfterValidator(_clean_text), AfterValidator(_one_line), Field(max_length=300, json_schema_extra=_ONE_LINE)]
Summary = Annotated[str, AfterValidator(_clean_text), AfterValidator(_one_line), Field(max_length=200, json_schema_extra=_ONE_LINE)]
Text = Annotated[str, AfterValidator(_clean_text), Field(max_length=5000)]
Url = Annotated[str, AfterValidator(_url), Field(json_schema_extra={
    "pattern": r"^(https?://[^\s/]+\.[^\s]+|mailto:[^\s@]+@[^\s@]+\.[A-Za-z]{2,})$",
    "x-vorm": "een webadres dat begint met https:// of http://, zoals https://www.voorbeeld.nl"})]
Email = Annotated[str, AfterValidator(_email), Field(json_schema_extra={
    "pattern": r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$",
    "not": {"pattern": "^" + _PERSONAL_EMAIL_SHAPE},  # a person's address, as _PERSONAL_EMAIL
    "x-vorm": "een algemeen adres van de organisatie, zoals info@voorbeeld.nl, geen adres van een persoon"})]
PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date),
    # In YAML a bare year (2017) is a number and a full date (2017-09-01) a date: allow both.
    WithJsonSchema({
        "description": "JJJJ-MM-DD, JJJJ-MM of JJJJ",
        "x-vorm": "een jaar, maand of dag, zoals 2023, 2023-03 of 2023-03-15",
        "anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}, {"type": "integer", "minimum": 1000, "maximum": 9999}],
    }),
]
Date = Annotated[datetime.date, BeforeValidator(_real_date)]
MunicipalityCode = Annotated[
    str,
    AfterValidator(_municipality_code),
    Field(description="CBS-gemeentecode, zoals GM0047", json_schema_extra={"pattern": r"^GM\d{4}$"}),
]

EvidenceLevel = Literal["niet-beoordeeld", "goed-beschreven", "goed-onderbouwd", "effectief"]
ApproachStatus = Literal["in-gebruik", "gestopt", "niet-werkzaam"]
ProjectStatus = Literal["lopend", "afgerond", "gestopt"]
Province = Literal["Groningen", "Drenthe"]
PROVINCES = typing.get_args(Province)


def refers_to(filename: str, **field_options) -> object:
    """A field whose values are ids of records in data/`filename`; validation checks them."""
    extra = dict(field_options.pop("json_schema_extra", {}), **{"x-verwijst-naar": filename})
    return Field(json_schema_extra=extra, **field_options)


def referenced_file(field: object) -> str | None:
    extra = getattr(field, "json_schema_extra", None)
    return extra.get("x-verwijst-naar") if isinstance(extra, dict) else None


def slug(text: str) -> str:
    """An id made from a name: 'Aa en Hunze' → 'aa-en-hunze', 'Financiële hulp' → 'financiele-hulp'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- parts of records ----------------------------------------------------------------------


class Source(Record):
    titel: Line
    organisatie: Line = Field(description="De organisatie die de bron uitgaf.")
    url: Url | None = None
    datum: PartialDate | None = None


class Result(Record):
    omschrijving: Line = Field(description="Wat is bereikt, in gewone woorden.")
    aantal: float | None = Field(None, allow_inf_nan=False, description="Het getal dat bij het resultaat hoort, als er een is.")
    peildatum: PartialDate = Field(description="Wanneer dit resultaat gold.")
    bron: Line = Field(description="De organisatie die het resultaat meldt.")


class Recognition(Record):
    niveau: EvidenceLevel = Field(description="Trede op de Nederlandse erkenningsladder.")
    datum: PartialDate
    door: Line = Field(description="Wie het niveau vaststelde.")
    toelichting: Text


class Component(Record):
    naam: Line
    uitleg: Text | None = None


class Period(Record):
    start: PartialDate | None = None
    eind: PartialDate | None = None
    toelichting: Line | None = None


class Contact(Record):
    website: Url | None = None
    email: Email | None = Field(None, description="Een algemeen adres van de organisatie, nooit van een persoon.")


# --- reference lists -----------------------------------------------------------------------


class Municipality(Record):
    code: MunicipalityCode
    naam: Line
    provincie: Province

    @property
    def id(self) -> str:
        """The URL name: 'Aa en Hunze' → 'aa-en-hunze'. Names change less often than people link."""
        return slug(self.naam)


class Region(Record):
    id: Id
    naam: Line
    gemeenten: list[MunicipalityCode] = refers_to("gemeenten.yaml", min_length=1)
    toelichting: Text
    bron: Source


class Theme(Record):
    id: Id
    naam: Line
    omschrijving: Line


class TargetGroup(Record):
    id: Id
    naam: Line
    omschrijving: Line


class Term(Record):
    """A word the site cannot avoid, explained once on the Begrippen page."""

    id: Id
    term: Line
    vormen: list[Line] = Field([], description="Andere vormen van het woord, zoals het meervoud.")
    uitleg: Line = Field(description="Wat het woord betekent, in gewone taal (B1).")


# --- records -------------------------------------------------------------------------------


class Approach(Record):
    id: Id
    naam: Line
    eigenaar: Line = Field(description="De organisatie die de aanpak ontwikkelde of beheert.")
    samenvatting: Summary = Field(description="Eén of twee korte zinnen in gewone taal (taalniveau B1).")
    status: ApproachStatus = "in-gebruik"
    status_reden: Text | None = Field(None, description="Verplicht als de aanpak gestopt of niet werkzaam is.")
    probleem: Text
    doel: Text
    doelgroepen: list[Id] = refers_to("doelgroepen.yaml", min_length=1)
    doelgroep_toelichting: Text | None = None
    onderdelen: list[Component] = Field(min_length=1)
    werkzame_elementen: list[Text] = Field(min_length=1)
    rol_ervaringsdeskundigen: Text
    partners: list[Line] = []
    regio: Id | None = refers_to("regios.yaml", default=None)
    gemeenten: list[MunicipalityCode] = refers_to("gemeenten.yaml", default=[])
    gebied_toelichting: Text | None = None
    periode: Period
    resultaten: list[Result] = []
    erkenning: Recognition
    themas: list[Id] = refers_to("themas.yaml", min_length=1)
    verwante_aanpakken: list[Id] = refers_to("aanpakken.yaml", default=[])
    bronnen: list[Source] = Field(min_length=1)
    laatst_gecontroleerd: Date
    gecontroleerd_door: Line


class Project(Record):
    id: Id = Field(description="Vaste naam voor het webadres: kleine letters, cijfers en streepjes. Verander hem nooit.")
    naam: Line = Field(description="De naam van het project.")
    organisatie: Line = Field(description="De organisatie die het project uitvoert.")
    samenvatting: Summary = Field(description="Eén of twee korte zinnen in gewone taal (taalniveau B1).")
    beschrijving: Text = Field(description="Wat het project doet, in gewone taal. **Vet** en lijstjes met - mogen (Markdown).")
    status: ProjectStatus = Field(description="Loopt het project nog, is het afgerond of gestopt?")
    start: PartialDate | None = Field(None, description="Wanneer het project begon: een jaar, maand of dag, zoals 2023 of 2023-03.")
    eind: PartialDate | None = Field(None, description="Wanneer het project stopte, als het klaar is: zoals 2025 of 2025-06.")
    regio: Id | None = refers_to("regios.yaml", default=None, description="Een regio uit data/regios.yaml, als het project in een hele regio loopt.")
    gemeenten: list[MunicipalityCode] = refers_to("gemeenten.yaml", default=[], description="De gemeenten (CBS-codes) waar het project loopt.")
    gebied_toelichting: Text | None = Field(None, description="Uitleg over het gebied, als dat nodig is.")
    themas: list[Id] = refers_to("themas.yaml", min_length=1, description="Thema's uit data/themas.yaml.")
    doelgroepen: list[Id] = refers_to("doelgroepen.yaml", min_length=1, description="Doelgroepen uit data/doelgroepen.yaml.")
    aanpakken: list[Id] = refers_to("aanpakken.yaml", default=[], description="De aanpakken uit de kennisbank die het project gebruikt.")
    doelen: list[Line] = Field(min_length=1, description="Wat het project wil bereiken.")
    resultaten: list[Result] = Field([], description="Wat het project bereikte, met aantallen en peildatum.")
    geleerd: Text | None = Field(None, description="Wat het project leerde; vooral voor afgeronde en gestopte projecten.")
    partners: list[Line] = Field([], description="Organisaties die meewerken.")
    financiers: list[Line] = Field([], description="Wie het project betaalt.")
    contact: Contact = Field(description="Website en/of algemeen e-mailadres van de organisatie, nooit van een persoon.")
    bronnen: list[Source] = Field([], description="Waar de informatie vandaan komt.")
    toegevoegd: Date = Field(description="Wanneer het project in de projectenbank kwam (JJJJ-MM-DD).")
    aangemeld_door: Line | None = Field(None, description="De organisatie (of de redactie) die het project aanmeldde; nooit een persoon.")
    laatst_gecontroleerd: Date = Field(description="Wanneer de gegevens voor het laatst zijn nagekeken (JJJJ-MM-DD).")


class LearningGoal(Record):
    id: Id = Field(description="Vast anker in de link naar dit leerdoel (#id). Verander het nooit zomaar.")
    tekst: Line
    vorige_ids: list[Id] = Field([], description="Ids die dit leerdoel eerder had: oude links blijven werken.")


class Module(Record):
    id: Id = Field(description="Vaste naam in het webadres /opleiding/<id>/. Verander het nooit zomaar.")
    vorige_ids: list[Id] = Field([], description="Ids die deze module eerder had: oude links worden doorgestuurd.")
    naam: Line
    jaren: list[Literal[1, 2]] = Field(min_length=1, description="In welk opleidingsjaar of welke jaren.")
    doel: Text
    inhoud: Text
    leerdoelen: list[LearningGoal] = Field(min_length=1)
    werkvormen: list[Line] = []
    verwante_aanpakken: list[Id] = refers_to("aanpakken.yaml", default=[])
    bronnen: list[Source] = Field(min_length=1)


class PermanentIds(Record):
    """Every module and learning goal id ever published: those links must keep working."""

    modules: list[Id] = Field(min_length=1)
    leerdoelen: list[Id] = Field(min_length=1)


class Pillar(Record):
    naam: Line
    uitleg: Text


class Curriculum(Record):
    naam: Line
    samenvatting: Summary
    verantwoording: Text = Field(description="Wat uit de bronnen komt en wat de redactie zelf opstelde.")
    duur_jaren: int = Field(ge=1, le=6)
    dagen_per_week: int = Field(ge=1, le=5)
    stage: Text
    klasgrootte: int = Field(ge=1, le=40)
    docenten: Text
    pijlers: list[Pillar] = Field(min_length=1)
    modules: list[Module] = Field(min_length=1)
    bronnen: list[Source] = Field(min_length=1)
