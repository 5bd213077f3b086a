"""This file writes an amendment as a landscape instrument, for the what-if (``pamats gaps --with``).

``amendment_to_landscape(prepared, instrument_id=…)`` returns ``{"instruments": [...]}`` valid
against :class:`pamats.landscape.model.LandscapeFile`: a draft Cabinet regulation issued under
the amendment's empowering provisions, whose provisions are the units the amendment adds or
restates and that carry ``exchanges`` in the answers; each provision's ``ref`` names the unit
of the amended act ("[projekts] MK 344 5.¹ punkts"). A unit addressed to named institutions
authorises those institutions only (the exchanges name actors, not roles, unless the text does).

A restated or deleted unit (and, restated or deleted with it, its sub-points) is listed in
``withdraws`` as the amended act's landscape provision of the same number (``p2-2`` for 2.2,
``p5_1`` for 5.¹): the what-if takes the old wording's permissions away from the amendment's
entry into force. A restated lead-in withdraws the point itself, not its sub-points.

Words replaced in a unit (``replace_in``): when the change gives ``exchanges`` (``[]`` too) the
answers model what the unit authorises afterwards, so its old provision is withdrawn and the
unit's provision (its consolidated text) authorises those exchanges; otherwise the unit is listed
in ``words_replaced``: its old provision is kept and the what-if says that the unit's meaning
after the replacement is not modelled and must be reviewed (docs/amendments.md).
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


def _pid(key: Key) -> str:
    """The landscape provision id of a unit: 2.2 -> 'p2-2', 5.¹ -> 'p5_1'."""
    return "p" + "-".join(f"{b}" + (f"_{s}" if s else "") for b, s in key)


def _old_keys(act, key: Key, with_subunits: bool) -> list[Key]:
    """The unit ``key`` of the act in force and (``with_subunits``) every unit under it."""
    return [u.key for u in act.walk() if u.key == key or (with_subunits and u.key[: len(key)] == key)]


def amendment_to_landscape(p: Prepared, *, instrument_id: str) -> dict:
    from ...landscape.model import LandscapeFile

    act, a = p.act, p.input.answers
    provisions, withdrawn, unmodelled = [], [], []
    new_text = {u.key: u.text for u in p.cons.act.walk()}
    for ins in p.cons.instructions:
        ch = ins.change
        if ins.action == "replace_in" and "exchanges" not in ch.model_fields_set:
            unmodelled += [ins.target] if ins.target not in unmodelled else []
            continue
        if ins.action in ("restate", "restate_lead", "delete"):
            withdrawn += [k for k in _old_keys(act, ins.target, ins.action != "restate_lead") if k not in withdrawn]
        if ins.action in ("restate_chapter", "delete_chapter"):  # every point the chapter held
            withdrawn += [k for p in ins.points for k in _old_keys(act, p, True) if k not in withdrawn]
        if ins.action in ("insert_after", "insert_chapter_after", "restate_chapter"):
            pairs = [x for k, nu in zip(ins.new_keys, ch.points) for x in _units(nu, k)]
        elif ins.action == "restate":
            pairs = list(_units(NewUnit(text=ch.text, units=ch.units, exchanges=ch.exchanges), ins.target))
        elif ins.action == "restate_lead":
            pairs = [(ins.target, NewUnit(text=ch.text, exchanges=ch.exchanges))]
        elif ins.action == "replace_in":  # the answers say what the unit authorises after the replacement
            withdrawn += [k for k in _old_keys(act, ins.target, False) if k not in withdrawn]
            pairs = [(ins.target, NewUnit(text=new_text[ins.target], exchanges=ch.exchanges))]
        else:
            continue
        for key, nu in pairs:
            if not nu.exchanges:
                continue
            num = format_number(key).rstrip(".")
            word = "punkts" if len(key) == 1 else "apakšpunkts"
            provisions.append(
                {
                    "id": _pid(key),
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
    if withdrawn:
        data["withdraws"] = [{"instrument": act.id, "provision": _pid(k)} for k in withdrawn]
    unmodelled = [k for k in unmodelled if k not in withdrawn]  # restated or deleted as well: withdrawn
    if unmodelled:
        data["words_replaced"] = [{"instrument": act.id, "provision": _pid(k)} for k in unmodelled]
    if a.entry_into_force:
        data["valid_from"] = a.entry_into_force
    out = {"instruments": [data]}
    LandscapeFile.model_validate(out)
    return out
