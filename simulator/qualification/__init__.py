"""The qualification (BKD 2023, and the 2018 competency profile) as validated data."""

from simulator.qualification.loader import (
    known_ids,
    list_qualifications,
    load_qualification,
    qualifications_dir,
    read_qualification,
)
from simulator.qualification.model import (
    SKILL_TYPES,
    Activity,
    Competency,
    Qualification,
    SkillType,
    UnknownIdError,
)

__all__ = [
    "SKILL_TYPES",
    "Activity",
    "Competency",
    "Qualification",
    "SkillType",
    "UnknownIdError",
    "known_ids",
    "list_qualifications",
    "load_qualification",
    "qualifications_dir",
    "read_qualification",
]
