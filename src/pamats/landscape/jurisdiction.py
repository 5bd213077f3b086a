"""This file defines the one accessor of the jurisdiction rules.

A jurisdiction (schema :class:`~pamats.landscape.model.Jurisdiction`, documented in
docs/jurisdictions.md) holds the ranks of legal instruments and whom each binds, the rank
rules, re-delegation, the roles of the mechanism, the coverage check's minimum referral, the
vocabularies (data categories, purposes, data subjects) and the languages of its texts. It is
bundled (``src/pamats/landscape/jurisdictions/<id>.yaml``, read once per process) or a
landscape folder's own ``jurisdiction.yaml``. Every part of pamats reads it through
:func:`load_jurisdiction` / :func:`resolve_jurisdiction` (validated, see
:mod:`pamats.landscape.jurisdiction_load`) or the helpers below; none opens the file itself.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ErrorList, InputError, Location, relpath
from .jurisdiction_load import read_jurisdiction
from .model import Jurisdiction, LandscapeMeta, Text

__all__ = [
    "load_jurisdiction",
    "resolve_jurisdiction",
    "known_jurisdictions",
    "vocabulary_labels",
    "rank_label",
    "DEFAULT_JURISDICTION",
]

DEFAULT_JURISDICTION = "lv"
_DIR = Path(__file__).resolve().parent / "jurisdictions"
_CACHE: dict[str, Jurisdiction] = {}
# the jurisdictions of the landscapes loaded in this process, the last first: a report (its
# JSON) names instrument kinds only, and the table labels them from here
_ACTIVE: list[Jurisdiction] = []
_LABELS: dict[tuple[str, str], str] = {}


def known_jurisdictions() -> list[str]:
    """Ids of the bundled jurisdictions, sorted."""
    return sorted(p.stem for p in _DIR.glob("*.yaml"))


def load_jurisdiction(jid: str = DEFAULT_JURISDICTION, location: Location | None = None) -> Jurisdiction:
    """The bundled jurisdiction ``jid``; read once.

    An unknown id is the user's mistake (a landscape's ``meta.jurisdiction``): an
    :class:`InputError` at ``location`` listing the known ones.
    """
    hit = _CACHE.get(jid)
    if hit is not None:
        return hit
    path = _DIR / f"{jid}.yaml"
    if not path.exists():
        raise InputError(
            f"unknown jurisdiction {jid!r}",
            location=location,
            hint=f"bundled jurisdictions: {', '.join(known_jurisdictions())}; or put the rules in a "
            "jurisdiction.yaml in the landscape folder (docs/jurisdictions.md)",
        )
    hit = _CACHE[jid] = read_jurisdiction(path)
    return hit


def resolve_jurisdiction(meta: LandscapeMeta, meta_loc: Location, local: list[Path]) -> Jurisdiction:
    """The jurisdiction of a landscape: its folder's ``jurisdiction.yaml`` (``local``) when it
    has one, else the bundled one its ``landscape.jurisdiction`` names (default ``lv``)."""
    if len(local) > 1:
        raise InputError(
            f"two jurisdiction files (the other is {relpath(local[0])})",
            location=Location(relpath(local[1])),
            hint="a landscape has one jurisdiction: keep one jurisdiction.yaml",
        )
    if local:
        jur = read_jurisdiction(local[0])
        if "jurisdiction" in meta.model_fields_set and meta.jurisdiction != jur.id:
            raise ErrorList(
                errors=[
                    InputError(
                        f"the landscape names jurisdiction {meta.jurisdiction!r}, but its folder's "
                        f"jurisdiction.yaml is {jur.id!r}",
                        location=meta_loc,
                        hint=f"write 'jurisdiction: {jur.id}', or remove the key (the folder's file then applies)",
                    )
                ]
            )
        meta.jurisdiction = jur.id
    else:
        jur = load_jurisdiction(meta.jurisdiction, meta_loc)
    _activate(jur)
    return jur


def _activate(jur: Jurisdiction) -> None:
    if _ACTIVE and _ACTIVE[0] is jur:
        return
    if jur in _ACTIVE:
        _ACTIVE.remove(jur)
    _ACTIVE.insert(0, jur)
    del _ACTIVE[8:]
    _LABELS.clear()


def vocabulary_labels(jid: str = DEFAULT_JURISDICTION) -> dict[str, Text]:
    """Term id -> label of every data category, purpose and data subject of ``jid``."""
    j = load_jurisdiction(jid)
    return {t.id: t.label for group in (j.categories, j.purposes, j.subjects) for t in group}


def rank_label(kind: str, lang: str) -> str:
    """The label of instrument kind ``kind`` in ``lang`` (the other language when it has no such
    text): from the jurisdiction of the landscape loaded last that defines it, else from the
    first bundled jurisdiction that does; ``kind`` if none does."""
    hit = _LABELS.get((kind, lang))
    if hit is None:
        hit = _LABELS[(kind, lang)] = _rank_label(kind, lang)
    return hit


def _rank_label(kind: str, lang: str) -> str:
    for j in [*_ACTIVE, *(load_jurisdiction(jid) for jid in known_jurisdictions())]:
        for r in j.ranks:
            if r.id == kind:
                return r.label.get(lang) or kind
    return kind
