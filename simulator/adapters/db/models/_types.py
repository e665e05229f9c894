"""Column types shared by the model modules."""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import JSON, Enum
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeEngine

#: JSON everywhere, JSONB on PostgreSQL (indexable, compact).
JsonType: TypeEngine[Any] = JSON().with_variant(JSONB(), "postgresql")


def enum_column(enum_class: type[enum.StrEnum], name: str) -> Enum:
    """Store a string enum as its value with a named CHECK constraint (portable, no native ENUM type)."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )
