"""The customer directory of a scope: people and their assets (laptop, phone, printer… with tags)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from simulator.adapters.db.base import Base


class PersonRecord(Base):
    """Someone the service desk serves."""

    __tablename__ = "crm_people"
    __table_args__ = (UniqueConstraint("scope", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(60), index=True)
    person_id: Mapped[str] = mapped_column(String(20))
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str] = mapped_column(String(254), index=True)
    phone: Mapped[str] = mapped_column(String(40))
    employee_number: Mapped[str] = mapped_column(String(20))
    organisation: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(120), default="")
    is_caller: Mapped[bool] = mapped_column(default=False)

    assets: Mapped[list[AssetRecord]] = relationship(back_populates="owner", cascade="all, delete-orphan")


class AssetRecord(Base):
    """A device with its tag, owned by a person or shared (printers)."""

    __tablename__ = "crm_assets"
    __table_args__ = (UniqueConstraint("scope", "tag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(60), index=True)
    tag: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    model: Mapped[str] = mapped_column(String(120))
    hostname: Mapped[str | None] = mapped_column(String(80), default=None)
    location: Mapped[str] = mapped_column(String(120), default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("crm_people.id", ondelete="SET NULL"), default=None)

    owner: Mapped[PersonRecord | None] = relationship(back_populates="assets")
