"""This file writes an amendment as a landscape instrument, for the what-if (``pamats gaps --with``).

``amendment_to_landscape(prepared, instrument_id=…)`` returns ``{"instruments": [...]}`` valid
against :class:`pamats.landscape.model.LandscapeFile`: a draft Cabinet regulation issued under
the amendment's empowering provisions, whose provisions are the units the amendment adds or
restates and that carry ``exchanges`` in the answers; each provision's ``ref`` names the unit
of the amended act ("[projekts] MK 344 5.¹ punkts"). A unit addressed to named institutions
authorises those institutions only (the exchanges name actors, not roles, unless the text does).

Limit (said in docs/amendments.md): the amended act's own provisions stay as they are in the
landscape; a restated or deleted point does not yet withdraw what the old wording authorised.
"""

from __future__ import annotations

from ..answers import pick
from .answers import NewUnit
from .numbers import Key, format_number
from .pipeline import Prepared

__all__ = ["amendment_to_landscape"]


def _units(nu: NewUnit, key: Key):
    yield key, nu
    for i, c in enumerate(nu.units):
        yield from _units(c, key + ((i + 1, 0),))


def amendment_to_landscape(p: Prepared, *, instrument_id: str) -> dict:
    from ...landscape.model import LandscapeFile

    act, a = p.act, p.input.answers
    provisions = []
    for ins in p.cons.instructions:
        ch = ins.change
        if ins.action == "insert_after":
            pairs = [x for k, nu in zip(ins.new_keys, ch.points) for x in _units(nu, k)]
        elif ins.action == "restate":
            pairs = list(_units(NewUnit(text=ch.text, units=ch.units), ins.target))
        else:
            continue
        for key, nu in pairs:
            if not nu.exchanges:
                continue
            num = format_number(key).rstrip(".")
            word = "punkts" if len(key) == 1 else "apakšpunkts"
            provisions.append(
                {
                    "id": "p" + "-".join(f"{b}" + (f"_{s}" if s else "") for b, s in key),
                    "ref": f"[projekts] MK {act.number} {num} {word}",
                    "ref_en": f"[draft] Cabinet Regulation No. {act.number}, {'paragraph' if len(key) == 1 else 'sub-paragraph'} {num}",
                    "summary": {"lv": pick(nu.text, "lv")[:300], "en": (pick(nu.text, "en") or "")[:300] or None},
                    "authorises": [
                        {k: v for k, v in x.model_dump(exclude={"channel", "time_limit"}).items() if v is not None}
                        for x in nu.exchanges
                    ],
                    "source": f"draft: pamats ({instrument_id}, amends {act.id})",
                    "verified": False,
                }
            )
    for prov in provisions:
        if prov["summary"]["en"] is None:
            del prov["summary"]["en"]
    empowered = [
        {"instrument": e.instrument, "provision": e.provision} for e in a.empowering if e.instrument and e.provision
    ]
    data = {
        "id": instrument_id,
        "kind": "cabinet_regulation",
        "issuer": "mk",
        "status": "draft",
        "title": {
            "lv": f"Grozījumi MK {act.number} ({act.id})",
            "en": f"Amendments to Cabinet Regulation No. {act.number}",
        },
        "empowered_by": empowered,
        "provisions": provisions,
        "source": f"draft: pamats ({instrument_id}, amends {act.id})",
        "verified": False,
        "note": f"amends {act.id}; what-if: its new points as a draft regulation under the same mandate",
    }
    if a.entry_into_force:
        data["valid_from"] = a.entry_into_force
    out = {"instruments": [data]}
    LandscapeFile.model_validate(out)
    return out
