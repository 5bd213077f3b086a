"""This file defines the one accessor of the bundled jurisdiction rules.

A jurisdiction (``src/pamats/landscape/jurisdictions/<id>.yaml``, schema
:class:`~pamats.landscape.model.Jurisdiction`) holds the ranks of legal instruments, the
rank rules and the vocabularies (data categories, purposes, data subjects). Every part of
pamats reads it through :func:`load_jurisdiction` (validated, read once per process) or the
helpers below; none opens the file itself.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError, Location
from ..yamlio import load_yaml
from .model import Jurisdiction, Text

__all__ = ["load_jurisdiction", "known_jurisdictions", "vocabulary_labels", "rank_label", "DEFAULT_JURISDICTION"]

DEFAULT_JURISDICTION = "lv"
_DIR = Path(__file__).resolve().parent / "jurisdictions"
_CACHE: dict[str, Jurisdiction] = {}


def known_jurisdictions() -> list[str]:
    """Ids of the bundled jurisdictions, sorted."""
    return sorted(p.stem for p in _DIR.glob("*.yaml"))


def load_jurisdiction(jid: str = DEFAULT_JURISDICTION, location: Location | None = None) -> Jurisdiction:
    """The bundled jurisdiction ``jid`` (ranks, rank rules, vocabularies); read once.

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
            hint=f"known jurisdictions: {', '.join(known_jurisdictions())}",
        )
    data, pos = load_yaml(path)
    try:
        hit = _CACHE[jid] = Jurisdiction.model_validate(data)
    except ValidationError as e:  # pragma: no cover - bundled data is tested
        err = e.errors()[0]
        raise InputError(
            f"{'.'.join(map(str, err['loc']))}: {err['msg']}", location=pos.at(tuple(err["loc"]))
        ) from None
    return hit


def vocabulary_labels(jid: str = DEFAULT_JURISDICTION) -> dict[str, Text]:
    """Term id -> label of every data category, purpose and data subject of ``jid``."""
    j = load_jurisdiction(jid)
    return {t.id: t.label for group in (j.categories, j.purposes, j.subjects) for t in group}


def rank_label(kind: str, lang: str) -> str:
    """The label of instrument kind ``kind`` in ``lang`` (Latvian when there is no such
    translation), from the first bundled jurisdiction that defines it; ``kind`` if none does."""
    for jid in known_jurisdictions():
        for r in load_jurisdiction(jid).ranks:
            if r.id == kind:
                return (r.label.en if lang == "en" and r.label.en else r.label.lv) or kind
    return kind
