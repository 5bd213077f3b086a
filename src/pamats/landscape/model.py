"""This file defines the closed schema of a legal landscape (files under ``graph/``).

A landscape is a folder of YAML files. Each file is a mapping with any of the top-level
keys of :class:`LandscapeFile`; the loader merges them. Unknown keys are errors
(``extra="forbid"``) so a typo never silently drops a norm.

Concepts (see DESIGN.md, "The legal-basis model"):

* :class:`Actor`: an institution or organisation; ``subordinate_to`` gives the chain of
  subordination (pakļautība) that internal orders follow; ``supervised_by`` names a supervisor
  (pārraudzība), which internal orders do not follow; ``roles`` place it in the
  referral mechanism.
* :class:`Instrument`: a legal act or agreement with a rank (``kind``), validity dates,
  issuer, parties (agreements), empowering provisions and its provisions.
* :class:`Provision`: a point of an instrument; ``authorises`` lists the data flows it
  allows (:class:`Permission`), ``empowers`` the kinds of lower act it allows to be issued.
* :class:`Flow`: a personal-data flow that happens (or must happen) between two actors.

The ranks, the rank rules, the roles, the coverage check, the languages and the
vocabularies are per jurisdiction (:class:`Jurisdiction`: a bundled
``src/pamats/landscape/jurisdictions/<id>.yaml`` or a landscape folder's own
``jurisdiction.yaml``; docs/jurisdictions.md); a landscape may extend the vocabularies with
its own ``categories`` / ``purposes`` / ``subjects``.

This module is the contract between the checker, the drafting core
(``pamats.drafting`` writes drafts as :class:`Instrument` data) and the agreement
registry (agreements in force become :class:`Instrument` data).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.dataclasses import dataclass

from ..sources.citation import Citation

__all__ = [
    "Id",
    "ActorRef",
    "Text",
    "Regime",
    "Status",
    "Actor",
    "Permission",
    "Empowerment",
    "Provision",
    "Responsible",
    "Instrument",
    "Flow",
    "Term",
    "LandscapeMeta",
    "LandscapeFile",
    "ConditionDef",
    "RankDef",
    "RankRule",
    "NrmReferral",
    "NrmRules",
    "RoleDef",
    "FollowUp",
    "Jurisdiction",
]

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.\-]*$", max_length=120)]
"""Identifier: lower-case letters, digits, ``_ . -``; starts with a letter or digit."""

ActorRef = Annotated[str, StringConstraints(pattern=r"^(role:[a-z_]+|kind:[a-z0-9_]+|any|[a-z0-9][a-z0-9_.\-]*)$")]
"""An actor id, ``role:<role>`` (every actor with that role), ``kind:<actor kind>`` (every actor
of that kind, e.g. ``kind:ngo``: a law that lets a class of bodies act) or ``any`` (every actor: a
law that lets anyone act, e.g. CPL s.369(2)(5))."""


_CLOSED = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


class _Closed(BaseModel):
    model_config = _CLOSED


class Text(_Closed):
    """A text in Latvian and English. Which of them is required is the jurisdiction's
    ``languages`` (its first one: Latvian in Latvia, English in an English-only jurisdiction);
    the loader checks it. A text missing in the language asked for falls back to the other."""

    lv: str | None = Field(default=None, min_length=1)
    en: str | None = None

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``lv`` or ``en``), else in the other language."""
        return (self.en if lang == "en" else self.lv) or self.lv or self.en or ""


class Regime(str, Enum):
    """Data-protection regime of a flow or permission."""

    gdpr = "gdpr"  # Regulation (EU) 2016/679
    led = "led"  # Directive (EU) 2016/680, transposed by likumi.lv/ta/id/308278


class Status(str, Enum):
    """Life status of an instrument; validity on a date also depends on the dates."""

    draft = "draft"  # not adopted; counts only in a what-if run
    in_force = "in_force"
    repealed = "repealed"
    expired = "expired"
    terminated = "terminated"


class Actor(_Closed):
    id: Id
    name: Text
    short: str | None = None
    kind: str = Field(
        description="e.g. ministry, state_institution, ngo, municipality, independent_institution, parliament, government"
    )
    public_authority: bool = Field(
        description="True for a public authority (GDPR Art. 6(3) applies to its disclosures)"
    )
    subordinate_to: Id | None = Field(
        default=None, description="actor this one is directly subordinate to (pakļautība)"
    )
    supervised_by: Id | None = Field(
        default=None,
        description="actor this one is supervised by (pārraudzība, VPIL s.7(5)): "
        "not subordination; its internal orders do not bind this actor",
    )
    roles: list[Id] = Field(default_factory=list, description="roles of the jurisdiction's mechanism (its 'roles')")
    source: str | None = Field(default=None, description="likumi.lv URL or official citation for its status")
    verified: bool = False
    note: str | None = None


class Permission(_Closed):
    """A data flow a provision authorises: sender → recipient, categories, purposes, subjects."""

    sender: ActorRef
    recipient: ActorRef
    categories: list[Id] = Field(min_length=1)
    purposes: list[Id] = Field(min_length=1)
    subjects: list[Id] = Field(min_length=1)
    regime: Regime = Regime.gdpr
    conditions: list[Id] = Field(
        default_factory=list,
        description="conditions the provision sets on the flow (jurisdiction vocabulary 'conditions', e.g. "
        "consent, child); a basis with a condition a flow does not declare is chosen only when no other covers it",
    )


class Empowerment(_Closed):
    """Reference to the provision a lower act is issued under (izdoti saskaņā ar …)."""

    instrument: Id
    provision: Id


class Responsible(_Closed):
    """The ministry responsible for acts under a mandate (it drafts and proposes them) and the
    provision that says so (a provision of the landscape, itself sourced and flagged)."""

    actor: Id
    basis: Empowerment = Field(description="the provision that makes the actor responsible (instrument, provision)")


class Provision(_Closed):
    id: Id
    ref: str = Field(description="the citation as written in Latvian, e.g. '13. panta pirmās daļas 7. punkts'")
    ref_en: str | None = None
    summary: Text | None = None
    authorises: list[Permission] = Field(default_factory=list)
    empowers: list[Id] = Field(default_factory=list, description="instrument kinds this provision allows to be issued")
    topics: list[Id] = Field(
        default_factory=list, description="purposes whose matters the mandate covers (for remedies)"
    )
    responsible: Responsible | None = Field(
        default=None, description="for a mandate: the ministry responsible for the acts issued under it"
    )
    source: str | None = None
    verified: bool | None = None
    note: str | None = None
    cites: Citation | None = Field(
        default=None,
        description="the unit of a bundled consolidated law this provision is (checked by `pamats sources check`)",
    )


class Instrument(_Closed):
    id: Id
    kind: Id = Field(
        description="rank id from the jurisdiction, e.g. law, cabinet_regulation, ministry_order, agreement"
    )
    title: Text
    short: str | None = None
    number: str | None = None
    issuer: Id | None = Field(default=None, description="actor id of the issuer (required for internal orders)")
    parties: list[Id] = Field(default_factory=list, description="actor ids of the parties (agreements)")
    status: Status = Status.in_force
    valid_from: dt.date | None = None
    valid_to: dt.date | None = Field(default=None, description="last day in force; None = open-ended")
    empowered_by: list[Empowerment] = Field(default_factory=list)
    provisions: list[Provision] = Field(default_factory=list)
    withdraws: list[Empowerment] = Field(
        default_factory=list,
        description="provisions of other instruments this one restates or deletes (an amendment); what-if only",
    )
    words_replaced: list[Empowerment] = Field(
        default_factory=list,
        description="provisions of other instruments whose words this one replaces without saying what they then "
        "authorise (an amendment); what-if only: kept as they were, and the report says to review them",
    )
    source: str = Field(min_length=1, description="likumi.lv URL or official citation; for drafts: 'draft: <file>'")
    verified: bool
    note: str | None = None

    @model_validator(mode="after")
    def _dates(self) -> Instrument:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        return self


# A personal-data flow between two actors. A slotted (pydantic) dataclass, not a model: a
# landscape may hold 100,000 of them, and a model instance costs ten times the memory (its
# ``__dict__`` and set of fields given). No docstring: it would enter the JSON Schema.
@dataclass(slots=True, kw_only=True, config=_CLOSED)
class Flow:
    id: Id
    sender: Id
    recipient: Id
    categories: Annotated[list[Id], Field(min_length=1)]
    purpose: Id
    subjects: Annotated[list[Id], Field(min_length=1)]
    regime: Regime = Regime.gdpr
    conditions: list[Id] = Field(
        default_factory=list,
        description="conditions the flow meets (jurisdiction vocabulary 'conditions', e.g. consent): "
        "a basis that sets only these is preferred to one that sets others",
    )
    description: Text | None = None
    source: Annotated[
        str | None, Field(description="where the flow is described (e.g. seed minutes, MK 344 p.2.2)")
    ] = None


class Term(_Closed):
    """A vocabulary term (data category, purpose or data subject) in a hierarchy."""

    id: Id
    parent: Id | None = None
    label: Text
    art9: bool = Field(default=False, description="special category (GDPR Art. 9)")
    art10: bool = Field(default=False, description="criminal-offence data (GDPR Art. 10)")
    source: str | None = None


class LandscapeMeta(_Closed):
    id: Id
    title: Text
    jurisdiction: Id = Field(
        default="lv",
        description="a bundled jurisdiction (e.g. lv); a jurisdiction.yaml in the landscape folder takes its place",
    )
    description: Text | None = None


class LandscapeFile(_Closed):
    """One YAML file of a landscape folder; every key is optional."""

    landscape: LandscapeMeta | None = None
    actors: list[Actor] = Field(default_factory=list)
    instruments: list[Instrument] = Field(default_factory=list)
    flows: list[Flow] = Field(default_factory=list)
    categories: list[Term] = Field(default_factory=list)
    purposes: list[Term] = Field(default_factory=list)
    subjects: list[Term] = Field(default_factory=list)


class ConditionDef(_Closed):
    """A condition a provision may set on a flow (e.g. the person's consent; only about a child)."""

    id: Id
    label: Text
    source: str | None = None


class RankDef(_Closed):
    """A kind of instrument and what its rank means."""

    id: Id
    label: Text
    level: int = Field(description="higher is stronger (law 90 > cabinet_regulation 80 > order 60 > agreement 10)")
    external: bool = Field(description="external normative act (binds everyone it addresses)")
    binds: str = Field(pattern=r"^(everyone|subordinates_of_issuer|parties)$")
    needs_empowerment: bool = Field(description="must be issued under an empowering provision")
    may_empower: list[Id] = Field(default_factory=list, description="kinds it may empower (no re-delegation)")
    interview: str | None = Field(
        default=None, description="the pamats interview that drafts an instrument of this kind (e.g. regulation.yml)"
    )
    source: str | None = None


class RankRule(_Closed):
    """Minimum rank of a basis, when a condition on the flow holds (first match by strength: the max applies)."""

    id: Id
    when_sender_public: bool | None = None
    when_categories_under: list[Id] = Field(default_factory=list)
    min_rank: Id
    reason: Text
    source: str


class NrmReferral(_Closed):
    """The minimum referral a first-contact institution must be able to make lawfully, to an
    actor with ``role``."""

    role: Id = Field(description="the role of the recipient (one of the jurisdiction's roles)")
    categories: list[Id] = Field(min_length=1)
    purpose: Id
    subjects: list[Id] = Field(min_length=1)


class NrmRules(_Closed):
    """The coverage check: every actor with ``first_contact_role`` must be able to make both
    referrals lawfully (over covered flows, or directly under a provision)."""

    first_contact_role: Id = Field(description="the role of the first-contact institutions")
    to_service_provider: NrmReferral
    to_police: NrmReferral


class RoleDef(_Closed):
    """A role of an actor in the referral mechanism (an open vocabulary per jurisdiction)."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z_]+$", max_length=120)]
    label: Text
    note: str | None = None


class FollowUp(_Closed):
    """An instrument a remedy names after a new one of kind ``after`` (e.g. in Latvia a ministry
    order obliging the subordinate institutions, after a Cabinet regulation)."""

    after: Id
    then: Id
    when_sender_public: bool | None = None
    when_superior_kind: str | None = Field(
        default=None, description="only when an actor the sender is subordinate to is of this kind"
    )


class Jurisdiction(_Closed):
    """A country's rules for the checker (docs/jurisdictions.md; Latvia's: jurisdictions/lv.yaml)."""

    id: Id
    name: Text
    invented: bool = Field(default=False, description="an invented jurisdiction (examples and tests)")
    languages: list[Literal["lv", "en"]] = Field(
        min_length=1,
        description="the languages of its texts; the first is required on every text and is the "
        "reports' default language; a text missing in another falls back to it",
    )
    ranks: list[RankDef]
    rank_rules: list[RankRule]
    redelegation: bool = Field(
        default=False,
        description="may an act issued under a mandate pass it on to another external act "
        "(false: it may empower only internal acts and agreements that implement it)",
    )
    roles: list[RoleDef] = Field(default_factory=list)
    nrm: NrmRules | None = None
    follow_ups: list[FollowUp] = Field(default_factory=list)
    amendment_interview: str | None = Field(
        default=None, description="the pamats interview that drafts an amendment to an act in force"
    )
    conditions: list[ConditionDef] = Field(default_factory=list)
    categories: list[Term] = Field(default_factory=list)
    purposes: list[Term] = Field(default_factory=list)
    subjects: list[Term] = Field(default_factory=list)
