"""This file defines the answers models: what a drafter answers to get a draft.

One model per kind (``regulation``, ``order``, ``agreement``, ``annotation``), chosen by
the top-level ``kind``; all closed (unknown keys are errors). Free texts may be a plain
string or ``{lv: ..., en: ...}``; :func:`pick` chooses the language. Shared pieces:
:class:`Party`, :class:`Institution`, :class:`ContactPoint`, :class:`DataExchange`,
:class:`EmpoweringProvision`, :class:`LegalNorm`, :class:`Signatory`.

Vocabulary ids (categories, purposes, subjects) and actor keys are the landscape's
(``src/pamats/landscape/jurisdictions/lv.yaml``, ``graph/lv-nrm/actors.yaml``).
:func:`load_answers` / :func:`parse_answers` turn pydantic errors into
:class:`~pamats.errors.InputError` with ``file:line``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from ..errors import ErrorList, InputError, Location, PamatsError
from ..yamlio import Positions, load_yaml

__all__ = [
    "LText",
    "Loc",
    "pick",
    "Party",
    "Institution",
    "ContactPoint",
    "DataExchange",
    "EmpoweringProvision",
    "LegalNorm",
    "LandscapeRef",
    "Signatory",
    "RegulationAnswers",
    "OrderAnswers",
    "AgreementAnswers",
    "AnnotationAnswers",
    "Answers",
    "AGREEMENT_FORMS",
    "load_answers",
    "parse_answers",
    "input_errors",
]

Id = str
Lang = Literal["lv", "en"]


class _A(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class Loc(_A):
    """A text in Latvian and (optionally) English."""

    lv: str = Field(description="Latvian text")
    en: str | None = Field(default=None, description="English text; the Latvian is used when missing")


LText = str | Loc


def pick(value: LText | None, lang: str) -> str | None:
    """The text of ``value`` in ``lang`` (falls back to Latvian)."""
    if value is None or isinstance(value, str):
        return value
    return value.en if lang == "en" and value.en else value.lv


class Institution(_A):
    """An institution named in a draft."""

    key: Id = Field(description="landscape actor id, e.g. 'vrs', 'vp', 'marta'")
    name: LText = Field(description="full name, nominative (e.g. 'Valsts robežsardze')")
    short: LText | None = Field(default=None, description="short form introduced as '(turpmāk – …)'")


class Party(_A):
    """A party to an agreement."""

    key: Id = Field(description="landscape actor id of the party, e.g. 'marta', 'vrs'")
    name: LText = Field(description="full legal name, nominative")
    short: LText | None = Field(default=None, description="short form used in the text, '(turpmāk – …)'")
    public_authority: bool = Field(
        description="True for a public person or its institution; False for an NGO or company"
    )
    reg_no: str | None = Field(default=None, description="registration number")
    address: str | None = Field(default=None, description="legal address")
    representative: str | None = Field(default=None, description="name of the person who signs")
    position: LText | None = Field(default=None, description="the signer's position")
    feminine: bool = Field(default=False, description="the signer is a woman: feminine position (ministre, vadītāja)")
    authority: LText | None = Field(
        default=None, description="what the signer acts under, genitive: 'nolikuma', 'statūtu'"
    )


class ContactPoint(_A):
    """A contact point for the exchange."""

    party: Id = Field(description="actor id the contact point belongs to")
    unit: LText = Field(description="unit or position (not a private person's name)")
    phone: str | None = None
    email: str | None = None
    hours: LText | None = Field(default=None, description="when it is reachable, e.g. '24/7'")


class DataExchange(_A):
    """One data flow the draft organises (landscape vocabulary ids)."""

    sender: Id = Field(description="actor id (or 'role:first_contact' in a regulation)")
    recipient: Id = Field(description="actor id (or 'role:service_provider' / 'role:police')")
    categories: list[Id] = Field(min_length=1, description="data category ids, e.g. identity, contact")
    purposes: list[Id] = Field(min_length=1, description="purpose ids, e.g. referral, identification")
    subjects: list[Id] = Field(min_length=1, description="data subject ids, e.g. possible_victim")
    regime: Literal["gdpr", "led"] = Field(default="gdpr", description="GDPR or the Law Enforcement Directive regime")
    conditions: list[Id] = Field(
        default_factory=list,
        description="conditions the exchange is made on (jurisdiction vocabulary, e.g. consent, child): "
        "they become the drafted provision's conditions",
    )
    channel: LText | None = Field(
        default=None, description="how the data are sent (secure e-mail, phone then writing…)"
    )
    time_limit: LText | None = Field(
        default=None, description="time limit, e.g. 'nekavējoties, ne vēlāk kā 24 stundu laikā'"
    )


class EmpoweringProvision(_A):
    """The provision of law a regulation or order is issued under (the 'Izdoti saskaņā ar' line)."""

    law: LText = Field(description="law title, nominative ('Sociālo pakalpojumu un sociālās palīdzības likums')")
    law_genitive: str = Field(description="law title, genitive ('Sociālo pakalpojumu un sociālās palīdzības likuma')")
    law_en: str | None = Field(default=None, description="English title of the law")
    section: str = Field(description="section number as written, e.g. '13' or '19.³'")
    part: int | None = Field(default=None, ge=1, le=10, description="part number (written as an ordinal word)")
    clause: str | None = Field(default=None, description="clause number within the part (or section)")
    instrument: Id | None = Field(default=None, description="landscape instrument id, e.g. 'spspl'")
    provision: Id | None = Field(default=None, description="landscape provision id, e.g. 's13-1-7'")
    source: str | None = Field(default=None, description="likumi.lv URL or official citation")
    verified: bool = Field(default=False, description="True only when the text was read at the source")


class LegalNorm(_A):
    """A norm that allows a data exchange (agreements)."""

    text: LText = Field(description="the citation as written in the draft")
    instrument: Id | None = Field(default=None, description="landscape instrument id")
    provision: Id | None = Field(default=None, description="landscape provision id")
    in_force: bool = Field(default=True, description="False while the norm is itself only a draft")
    verified: bool = False


class LandscapeRef(_A):
    """A provision in the landscape (for writing the draft as a landscape instrument)."""

    instrument: Id = Field(description="landscape instrument id, e.g. 'nrm-regulation'")
    provision: Id = Field(description="provision id within it, e.g. 'implementing-acts'")


class Signatory(_A):
    """Who signs."""

    position: LText = Field(description="position, e.g. 'Iekšlietu ministrs'")
    name: str | None = Field(default=None, description="'V. Uzvārds'; blank prints a fill-in marker")
    feminine: bool = Field(default=False, description="use feminine forms (prezidente, ministre)")


class _Common(_A):
    lang: Lang = Field(default="lv", description="language of the draft (lv first)")
    title: LText = Field(description="title of the instrument (no full stop)")
    date: dt.date | None = Field(default=None, description="date of adoption/signing; blank until adopted")
    number: str | None = Field(default=None, description="number; blank until adopted")
    notes_to_drafter: list[LText] = Field(default_factory=list, description="printed as visible [JĀPRECIZĒ] markers")


class RegulationAnswers(_Common):
    """A Cabinet regulation (MK noteikumi) on the referral mechanism."""

    kind: Literal["regulation"]
    empowering: list[EmpoweringProvision] = Field(min_length=1, description="provisions it is issued under")
    scope: LText = Field(description="what the regulation lays down (point 1, in the mandate's words)")
    first_contact: list[Institution] = Field(min_length=1, description="first-contact institutions")
    service_providers: list[Institution] = Field(min_length=1, description="service providers to be informed")
    police: Institution = Field(description="the police body to be informed (Valsts policija)")
    exchanges: list[DataExchange] = Field(
        default_factory=list,
        description="the flows the regulation authorises; "
        "'role:first_contact' / 'role:service_provider' / 'role:police' stand for "
        "the institutions this draft names for that role, and only those",
    )
    channel: LText = Field(description="channel for informing (e.g. phone then written message by secure e-mail)")
    time_limit: LText = Field(description="time limit for informing")
    data_items: list[LText] = Field(min_length=1, description="what information is passed (minimum data)")
    coordinator: Institution = Field(description="who coordinates the mechanism")
    training_by: Institution | None = Field(default=None, description="who organises training")
    entry_into_force: dt.date | None = Field(default=None, description="only when it differs from the default")
    repeals: LText | None = Field(default=None, description="predecessor act to repeal, cited in full")
    prime_minister: Signatory
    minister: Signatory

    @field_validator("exchanges")
    @classmethod
    def _named_institutions_only(cls, value: list[DataExchange], info: ValidationInfo) -> list[DataExchange]:
        """A point addressed to the institutions the text names authorises those institutions only:
        a role reference becomes one exchange per institution the draft names for the role (not
        every actor of the landscape with it); a role the draft names no institutions for is refused."""
        named = {
            "role:first_contact": info.data.get("first_contact"),
            "role:service_provider": info.data.get("service_providers"),
            "role:police": [info.data["police"]] if info.data.get("police") else None,
        }
        if any(v is None for v in named.values()):
            return value  # an error in those fields is reported there
        out: list[DataExchange] = []
        for i, x in enumerate(value):
            ends = []
            for side in ("sender", "recipient"):
                ref = getattr(x, side)
                if ref.startswith("role:") and ref not in named:
                    raise ValueError(
                        f"the {side} '{ref}' of exchanges[{i}] would authorise every actor with that role, "
                        "but the draft's text names no institutions for it; write the actor ids of "
                        "the institutions the text names, or one of: " + ", ".join(named)
                    )
                ends.append([inst.key for inst in named[ref]] if ref in named else [ref])
            for sender in ends[0]:
                for recipient in ends[1]:
                    y = x.model_copy(update={"sender": sender, "recipient": recipient})
                    if sender != recipient and y not in out:
                        out.append(y)
        return out


class OrderAnswers(_Common):
    """A ministry order to subordinate institutions."""

    kind: Literal["order"]
    issuer: Institution = Field(description="the ministry issuing the order")
    empowering: list[EmpoweringProvision] = Field(min_length=1, description="VPIL 72(1)(1) and the regulation")
    regulation: LText = Field(
        description="the regulation implemented, cited in full, Latvian in the genitive "
        "('Ministru kabineta … noteikumu Nr. __ \"…\"')"
    )
    addressees: list[Institution] = Field(min_length=1, description="subordinate institutions (VRS, VP, PMLP)")
    contact_points: list[ContactPoint] = Field(default_factory=list)
    procedures_deadline: dt.date = Field(description="by when internal procedures must be issued")
    training: LText = Field(description="training to organise (communication skills in interviews …)")
    training_by: Institution | None = None
    training_deadline: dt.date | None = None
    report_deadline: dt.date | None = Field(default=None, description="by when to report on execution")
    controller: LText = Field(description="who controls the execution (position)")
    landscape_basis: list[LandscapeRef] = Field(
        default_factory=list, description="further empowering provisions in the landscape (the regulation)"
    )
    signatory: Signatory


AGREEMENT_FORMS = ("cooperation_public", "participation", "delegation", "memorandum")


class AgreementAnswers(_Common):
    """A cooperation agreement (e.g. MARTA–VRS)."""

    kind: Literal["agreement"]
    form: Literal["cooperation_public", "participation", "delegation", "memorandum"] = Field(
        description="cooperation_public: VPIL s.61 (public persons only); participation: VPIL ss.48–53 + MK 317/2014; "
        "delegation: VPIL ch. V (only where a norm provides); memorandum: no powers"
    )
    delegation_norm: LText | None = Field(default=None, description="the external norm that provides for delegation")
    place: str | None = Field(default=None, description="place of signing (e.g. 'Rīgā')")
    parties: list[Party] = Field(min_length=2)
    subject: LText = Field(description="what the parties cooperate on (1. Līguma priekšmets)")
    duties: dict[Id, list[LText]] = Field(default_factory=dict, description="party key -> what that party undertakes")
    exchanges: list[DataExchange] = Field(default_factory=list)
    legal_basis_norms: list[LegalNorm] = Field(default_factory=list, description="norms allowing the exchange")
    landscape_basis: list[LandscapeRef] = Field(
        default_factory=list, description="provisions in the landscape that allow this agreement"
    )
    controllers: Literal["independent", "joint"] = Field(default="independent")
    contact_points: list[ContactPoint] = Field(default_factory=list)
    retention: LText | None = Field(default=None, description="how long data are kept")
    term: LText = Field(description="term of the agreement, e.g. 'uz nenoteiktu laiku'")
    notice_months: int = Field(default=1, ge=0, le=24, description="notice period for termination, months")
    e_signature: bool = Field(default=True, description="signed with secure e-signatures (date = last time stamp)")

    @model_validator(mode="after")
    def _check(self) -> AgreementAnswers:
        keys = [p.key for p in self.parties]
        if len(set(keys)) != len(keys):
            raise ValueError("party keys must be distinct")
        for k in self.duties:
            if k not in keys:
                raise ValueError(f"duties names {k!r}, which is not a party key ({', '.join(keys)})")
        if self.form == "cooperation_public" and not all(p.public_authority for p in self.parties):
            priv = [p.key for p in self.parties if not p.public_authority]
            raise ValueError(
                "form cooperation_public (VPIL s.61) needs public persons only; "
                f"not public: {', '.join(priv)}; choose participation or memorandum"
            )
        if self.form == "delegation" and not self.delegation_norm:
            raise ValueError(
                "form delegation needs delegation_norm: the external norm that provides for it (VPIL s.40)"
            )
        return self


class AnnotationAnswers(_Common):
    """The ex-ante annotation of a draft (MK Reg. No. 617 (2021))."""

    kind: Literal["annotation"]
    draft_kind: Literal["regulation", "order", "amendment"] = "regulation"
    tap_id: str | None = Field(default=None, description="TAP id, e.g. '26-TA-1234'; blank until registered")
    empowering: list[EmpoweringProvision] = Field(min_length=1)
    eu_documents: list[LText] = Field(
        default_factory=list, description="EU acts the draft applies (1.1 'ES dokuments')"
    )
    purpose: LText = Field(description="1.2 Mērķis")
    current_situation: LText = Field(description="1.3 current situation (the gap report is added when given)")
    problem: LText = Field(description="1.3 problem")
    solution: LText = Field(description="1.3 solution")
    entry_into_force: LText | None = Field(default=None, description="blank = general procedure")


Answers = RegulationAnswers | OrderAnswers | AgreementAnswers | AnnotationAnswers
_MODELS = {
    "regulation": RegulationAnswers,
    "order": OrderAnswers,
    "agreement": AgreementAnswers,
    "annotation": AnnotationAnswers,
}


def parse_answers(data: Any, *, source: str = "<answers>", positions: Positions | None = None) -> Answers:
    """Validate a dict of answers; raise InputError/ErrorList with file:line."""
    if not isinstance(data, dict):
        raise InputError("answers must be a mapping with a top-level 'kind'", location=Location(source, 1))
    kind = data.get("kind")
    model = _MODELS.get(kind) if isinstance(kind, str) else None
    where = (lambda key: positions.at(key)) if positions else (lambda key: Location(source))
    if model is None:
        raise InputError(
            f"unknown or missing kind {kind!r}",
            location=where(("kind",)),
            hint="kind must be one of: " + ", ".join(_MODELS),
        )
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise input_errors(e, where) from None


def input_errors(e: ValidationError, where, doc: str = "docs/drafting.md") -> PamatsError:
    """A pydantic error as one InputError (or an ErrorList), each with ``where(loc)`` = file:line.

    Shared by every closed answers model (drafting kinds and amendments)."""
    errors = []
    raw = e.errors()
    _TAGS = ("str", "Loc")

    def norm(loc):
        return tuple(x for x in loc if x not in _TAGS and not str(x).startswith("function-"))

    loc_branch = {}
    for er in raw:  # errors in the {lv, en} branch of a text, by text location
        if "Loc" in er["loc"]:
            i = er["loc"].index("Loc")
            loc_branch.setdefault(norm(er["loc"][:i]), []).append(er)
    for err in raw:
        loc = norm(err["loc"])
        if "str" in err["loc"] and loc in loc_branch:
            if all(x["type"] == "model_type" for x in loc_branch[loc]):
                errors.append(
                    InputError(
                        f"{'.'.join(map(str, loc))}: expected a text or {{lv: ..., en: ...}}",
                        location=where(loc),
                        hint="quote texts that contain ', ' inside {...}",
                    )
                )
            continue  # the {lv, en} branch explains it better
        if "Loc" in err["loc"] and err["type"] == "model_type":
            continue
        path = ".".join(str(x) for x in loc) or "(top level)"
        msg, hint = err["msg"], None
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
            hint = f"remove '{loc[-1]}' or check its spelling; allowed keys are in {doc}"
        elif err["type"] == "missing":
            msg = "required field missing"
            hint = f"add '{loc[-1]}'"
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
            if not loc:  # a whole-model check: point at the key it is about
                for key in ("form", "duties", "parties"):
                    if msg.startswith(key) or (key == "parties" and msg.startswith("party")):
                        loc = (key,)
                        break
                path = ".".join(str(x) for x in loc) or "(top level)"
        errors.append(InputError(f"{path}: {msg}", location=where(loc), hint=hint))
    # a union str|Loc reports twice; keep one per location+path
    seen, uniq = set(), []
    for er in errors:
        k = (str(er.location), er.message.split(":")[0])
        if k not in seen:
            seen.add(k)
            uniq.append(er)
    if len(uniq) == 1:
        return uniq[0]
    return ErrorList(uniq)


def load_answers(path: str | Path) -> Answers:
    """Read and validate an answers file (YAML or JSON)."""
    data, pos = load_yaml(path)
    return parse_answers(data, source=pos.path, positions=pos)
