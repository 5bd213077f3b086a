"""This file defines the citation a landscape provision carries: ``cites:``.

``cites: {law: 68488, section: "13", part: 1, point: 7, quote: "…"}`` says which unit of which
bundled consolidated law the provision is (likumi.lv id; section as likumi.lv numbers it,
``"15.1"`` for 15¹; part and point numbers, ``"2.1"`` for 2¹) and, optionally, words the
provision quotes from it. ``pamats sources check`` resolves it (docs/sources.md).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator

__all__ = ["Citation", "UNIT_NUMBER"]

UNIT_NUMBER = r"^[0-9]+(\.[0-9]+)?$"
_SECTION = r"^(pn)?[0-9]+(\.[0-9]+)?$"


def _number_schema(pattern: str, nullable: bool) -> WithJsonSchema:
    """JSON Schema for a number written as YAML int or as a string ('2.1'): editors accept both."""
    alts: list[dict] = [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": pattern}]
    if nullable:
        alts.append({"type": "null"})
    return WithJsonSchema({"anyOf": alts})


class Citation(BaseModel):
    """A unit of a bundled law: law id, section, optional part and point, optional quoted words."""

    model_config = ConfigDict(extra="forbid")

    law: int = Field(ge=1, description="likumi.lv id of the law, e.g. 68488")
    section: Annotated[str, _number_schema(_SECTION, False)] = Field(
        pattern=_SECTION,
        description="section number as likumi.lv writes it: '13', '15.1' (15¹), 'pn3' (transitional point 3)",
    )
    part: Annotated[str | None, _number_schema(UNIT_NUMBER, True)] = Field(
        default=None, pattern=UNIT_NUMBER, description="part (daļa): '1', '2.1' (2¹)"
    )
    point: Annotated[str | None, _number_schema(UNIT_NUMBER, True)] = Field(
        default=None, pattern=UNIT_NUMBER, description="point (punkts): '7', '3.1' (3¹)"
    )
    quote: str | None = Field(
        default=None, min_length=1, description="words quoted from the unit, as the consolidated text writes them"
    )

    @field_validator("section", "part", "point", mode="before")
    @classmethod
    def _numbers_as_text(cls, v):
        if isinstance(v, bool):
            raise ValueError("a number, not true/false")
        if isinstance(v, int):
            return str(v)
        if isinstance(v, float):  # YAML reads 15.10 unquoted as 15.1: never guess
            raise ValueError("a number with a dot must be quoted, e.g. '15.1' for 15¹")
        return v

    def short(self) -> str:
        s = f"{self.law} s.{self.section}"
        if self.part:
            s += f"({self.part})"
        if self.point:
            s += f"({self.point})" if self.part else f" p.{self.point}"
        return s
