"""This file defines the legal-basis check an interview runs on an agreement's data exchanges.

:func:`check_agreement` turns agreement answers (the ``pamats draft`` format) into a landscape
instrument (:func:`pamats.drafting.to_landscape.answers_to_landscape`), adds it to the bundled
landscape ``graph/lv-nrm`` as if signed, and asks the checker
(:func:`pamats.landscape.check.explain_flow`) for a verdict on every exchange and purpose, as of
a date (default: today). Norms the answers rely on that exist only as bundled drafts
(``graph/lv-nrm-drafts``, e.g. the NRM regulation) are treated as adopted, the way
:func:`pamats.landscape.whatif.what_if` does; the result says which drafts it assumed.

Each verdict carries the finding code, the flow in words, why every candidate failed, the
verdict without the agreement, and the remedy (which instrument to draft first, under which
provision, and which interview opens it). :func:`warning_markdown` and :func:`drafter_notes`
write it for a screen and for the draft's visible notes, in Latvian or English.

No docassemble import here: the interview calls these functions, the tests call them directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..drafting.answers import parse_answers, pick
from ..drafting.build import vocab_label
from ..landscape.report.texts import code_title
from ..resources import graph_dir
from ..text.messages import msg

__all__ = [
    "AGREEMENT_ID",
    "ExchangeVerdict",
    "BasisCheck",
    "check_agreement",
    "draft_files",
    "warning_markdown",
    "drafter_notes",
    "landscape_paths",
    "try_check",
    "flow_words",
    "remedy_interviews",
    "closes_sentence",
]

AGREEMENT_ID = "interview-agreement"


def landscape_paths() -> tuple[Path, Path]:
    """The bundled landscape and its folder of drafts."""
    return graph_dir() / "lv-nrm", graph_dir() / "lv-nrm-drafts"


@lru_cache(maxsize=1)
def draft_files() -> dict[str, Path]:
    """Instrument id -> the bundled draft file that defines it (graph/lv-nrm-drafts)."""
    from ..yamlio import load_yaml

    out: dict[str, Path] = {}
    for f in sorted(landscape_paths()[1].glob("*.yaml")):
        data, _ = load_yaml(f)
        for ins in (data or {}).get("instruments") or []:
            out[ins["id"]] = f
    return out


@dataclass
class ExchangeVerdict:
    """The checker's verdict on one exchange for one purpose."""

    sender: str
    recipient: str
    purpose: str
    categories: list[str]
    subjects: list[str]
    regime: str
    covered: bool
    code: str | None  # None when covered
    without_agreement: str | None  # the verdict with the agreement left out (None = covered)
    basis: str | None  # the provision that covers it (reference as written)
    candidates: list[dict] = field(default_factory=list)  # {ref, failures: [{code, lv, en}]}
    remedy: dict | None = None  # {lv, en, kind, under, interview}


@dataclass
class BasisCheck:
    as_of: dt.date
    assumed_drafts: list[str]  # ids of draft instruments treated as adopted
    missing_norms: list[dict]  # norms named in the answers that the landscape does not hold
    verdicts: list[ExchangeVerdict]
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # actor id -> {lv, en}
    closes: list[str] = field(default_factory=list)  # landscape gaps the assumed drafts close (what-if)

    @property
    def problems(self) -> list[ExchangeVerdict]:
        return [v for v in self.verdicts if not v.covered]

    @property
    def ok(self) -> bool:
        return not self.problems

    def name(self, actor: str, lang: str) -> str:
        n = self.names.get(actor) or {}
        return n.get(lang) or n.get("lv") or actor


def check_agreement(answers: dict, *, as_of: dt.date | None = None, landscape: Path | None = None) -> BasisCheck:
    """Check every exchange of ``answers`` (kind agreement) against the bundled landscape.

    The check itself is :func:`pamats.drafting.basis_check.check_agreement` (the registry's
    recheck runs the same one); this adds which bundled drafts to assume adopted (those the
    answers rely on), the actors' names and the gaps those drafts would close.
    Raises InputError/ErrorList when the answers do not validate (the interview validates
    them before).
    """
    from ..drafting import basis_check

    as_of = as_of or dt.date.today()
    base_dir = landscape or landscape_paths()[0]
    model = parse_answers(answers, source="interview answers")
    base = _base(str(base_dir), ())
    drafts = draft_files()
    wanted: list[str] = []
    for ref in basis_check.relied_on_norms(model):
        iid = ref["instrument"]
        if iid not in base.instruments and iid in drafts and iid not in wanted:
            wanted.append(iid)
    draft_paths = sorted({str(drafts[i]) for i in wanted})
    res = basis_check.check_agreement(
        model,
        [base_dir],
        as_of=as_of,
        drafts=draft_paths,
        instrument_id=AGREEMENT_ID,
        base=_base(str(base_dir), tuple(wanted), as_of) if wanted else base,
    )
    missing = [{"instrument": n.instrument, "provision": n.provision} for n in res.norms if n.code == "NORM_MISSING"]
    ls = res.landscape
    names = {a.id: {"lv": a.short or a.name.lv, "en": a.short or a.name.en or a.name.lv} for a in ls.actors.values()}
    for p in model.parties:
        names[p.key] = {
            "lv": pick(p.short, "lv") or pick(p.name, "lv"),
            "en": pick(p.short, "en") or pick(p.name, "en"),
        }
    verdicts = [_verdict(v) for v in res.verdicts]
    closes = _closes(str(base_dir), tuple(draft_paths), as_of) if draft_paths else []
    return BasisCheck(as_of, wanted, missing, verdicts, names, closes)


def _verdict(v) -> ExchangeVerdict:
    """The screens' form of a :class:`pamats.drafting.basis_check.ExchangeVerdict`."""
    cands = [
        {
            "ref": c.ref,
            "instrument": c.instrument,
            "provision": c.provision,
            "failures": [{"code": f.code, "lv": f.lv, "en": f.en} for f in c.failures],
        }
        for c in v.candidates
    ]
    rem = None
    if v.remedy is not None:
        rem = {
            "lv": v.remedy.lv,
            "en": v.remedy.en,
            "kind": v.remedy.kind,
            "under": v.remedy.under,
            "interview": v.remedy.interview,
        }
    return ExchangeVerdict(
        v.sender,
        v.recipient,
        v.purpose,
        list(v.categories),
        list(v.subjects),
        v.regime,
        v.covered,
        v.code,
        v.without_agreement,
        v.basis.ref if v.basis is not None else None,
        cands,
        rem,
    )


@lru_cache(maxsize=8)
def _closes(base_dir: str, draft_paths: tuple[str, ...], as_of: dt.date) -> list[str]:
    """The landscape's own findings that adopting the drafts closes (pamats.landscape.whatif)."""
    from ..landscape.whatif import what_if

    return list(what_if([base_dir], list(draft_paths), as_of).closed)


@lru_cache(maxsize=8)
def _base(path: str, drafts: tuple[str, ...], as_of: dt.date | None = None):
    from ..landscape.load import load_landscape

    files = [str(draft_files()[d]) for d in drafts]
    return load_landscape([path], drafts=files, as_of=as_of)


def _esc(text: str) -> str:
    """Landscape text for a Markdown screen: no markup, no Mako."""
    out = str(text)
    for ch in ("\\", "`", "*", "_", "[", "]", "<", ">", "#", "|"):
        out = out.replace(ch, "\\" + ch)
    return out.replace("$", "&#36;").replace("%", "&#37;")


def flow_words(check: BasisCheck, v: ExchangeVerdict, lang: str) -> str:
    """The flow in words: 'VRS → MARTA: identity data, …; purpose: referral …; about: possible victim'."""
    cats = ", ".join(vocab_label(c, lang) for c in v.categories)
    subs = ", ".join(vocab_label(s, lang) for s in v.subjects)
    purpose = vocab_label(v.purpose, lang)
    s, r = check.name(v.sender, lang), check.name(v.recipient, lang)
    return msg("basis_screen.flow", _lang(lang), sender=s, recipient=r, cats=cats, purpose=purpose, subs=subs)


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "lv"


def warning_markdown(check: BasisCheck, lang: str) -> str:
    """The warning screen's body: per uncovered exchange the code, the flow, every failure, the remedy."""
    en, lg = lang == "en", _lang(lang)
    out = []
    if check.assumed_drafts:
        ids = ", ".join(check.assumed_drafts)
        out.append(msg("basis_screen.checked_with_drafts", lg, as_of=check.as_of.isoformat(), ids=ids))
        out.append(closes_sentence(check, lang))
    else:
        out.append(msg("basis_screen.checked", lg, as_of=check.as_of.isoformat()))
    for n in check.missing_norms:
        ref = f"{n['instrument']}/{n.get('provision') or ''}"
        out.append(msg("basis_screen.missing_norm", lg, ref=_esc(ref)))
    for v in check.problems:
        word = code_title(v.code or "", lang)  # the gap report's wording
        out.append(f"### {v.code}: {_esc(word)}")
        out.append(_esc(flow_words(check, v, lang)))
        if v.without_agreement and v.without_agreement != v.code:
            out.append(msg("basis_screen.without_agreement", lg, code=v.without_agreement))
        if v.candidates:
            out.append(msg("basis_screen.why_candidates", lg))
            for c in v.candidates:
                why = "; ".join(f"{f['code']}: {f['en' if en else 'lv'] or f['code']}" for f in c["failures"])
                this = msg("basis_screen.this_agreement", lg)
                ref = msg("basis_screen.this_draft", lg) if c["instrument"] == AGREEMENT_ID else c["ref"]
                why = why.replace(AGREEMENT_ID, this)
                out.append(f"- {_esc(ref)}: {_esc(why)}")
        else:
            out.append(msg("basis_screen.no_norm", lg))
        if v.remedy:
            out.append(msg("basis_screen.remedy", lg, remedy=_esc(v.remedy[lg])))
            if v.remedy.get("interview"):
                out.append(msg("basis_screen.interview", lg, interview=v.remedy["interview"]))
    return "\n\n".join(out)


def closes_sentence(check: BasisCheck, lang: str) -> str:
    """'Adopting them would also close N gap(s) of the landscape: …' (empty without drafts)."""
    if not check.assumed_drafts:
        return ""
    n = len(check.closes)
    return msg("basis_screen.closes", _lang(lang), n=n)


def drafter_notes(check: BasisCheck) -> list[dict]:
    """One visible note per uncovered exchange, {lv, en}, for the draft's notes_to_drafter."""
    notes = []
    for v in check.problems:
        parts = {}
        for lang in ("lv", "en"):
            rem = (v.remedy or {}).get(lang) or ""
            fix = " " + msg("basis_screen.note_remedy", lang, remedy=rem) if rem else ""
            note = msg(
                "basis_screen.note", lang, as_of=check.as_of.isoformat(), code=v.code, flow=flow_words(check, v, lang)
            )
            parts[lang] = note + fix
        notes.append(parts)
    return notes


def try_check(answers: dict, *, as_of: dt.date | None = None) -> tuple[BasisCheck | None, list[str]]:
    """:func:`check_agreement`, or (None, plain error lines) when the answers do not validate."""
    from ..errors import ErrorList, InputError
    from .common import error_lines

    try:
        return check_agreement(answers, as_of=as_of), []
    except (InputError, ErrorList) as e:
        return None, error_lines(e)


def remedy_interviews(check: BasisCheck) -> list[str]:
    """The interviews (file names) that draft the remedies, in order, each once."""
    out: list[str] = []
    for v in check.problems:
        name = (v.remedy or {}).get("interview")
        if name and name not in out:
            out.append(name)
    return out
