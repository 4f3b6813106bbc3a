"""The data files: which file holds which records, keyed by which field."""
from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from ..model import Approach, Curriculum, HelpService, Municipality, PermanentIds, Project, Region, TargetGroup, Term, Theme


@dataclass(frozen=True)
class DataFile:
    """One data file holding a list of records of one type."""

    filename: str
    model: type[BaseModel]
    key: str = "id"


# Reference lists first: records refer to them.
COLLECTIONS = (
    DataFile("gemeenten.yaml", Municipality, key="code"),
    DataFile("regios.yaml", Region),
    DataFile("themas.yaml", Theme),
    DataFile("doelgroepen.yaml", TargetGroup),
    DataFile("begrippen.yaml", Term),
    DataFile("landelijke-hulp.yaml", HelpService),
    DataFile("aanpakken.yaml", Approach),
    DataFile("projects.yaml", Project),
)


CURRICULUM_FILE = "opleiding.yaml"


PERMANENT_IDS_FILE = "vaste-links.yaml"


# data file → (model, whether the file is a list of such records)
DATA_FILES: dict[str, tuple[type[BaseModel], bool]] = {
    **{collection.filename: (collection.model, True) for collection in COLLECTIONS},
    CURRICULUM_FILE: (Curriculum, False),
    PERMANENT_IDS_FILE: (PermanentIds, False),
}

