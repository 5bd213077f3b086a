"""This file defines how a drafted instrument becomes a landscape instrument; the result always
validates as a landscape file.

``instrument_to_landscape(instr, instrument_id=…)`` returns one landscape file dict
``{"instruments": [...]}`` valid against :class:`pamats.landscape.model.LandscapeFile`:
provisions from the points that authorise data flows or empower further acts (their ``ref``
is the point's number), ``empowered_by`` from the empowering provisions' landscape ids,
parties (agreements), issuer, status ``draft`` and ``verified: false``.
"""

from __future__ import annotations

from ..errors import InputError
from ..landscape.model import LandscapeFile
from .answers import Answers, pick
from .build import build_instrument
from .document import Instrument

__all__ = ["instrument_to_landscape", "answers_to_landscape", "answers_file_to_landscape", "split_draft_files", "RANK"]

RANK = {"regulation": "cabinet_regulation", "order": "ministry_order", "agreement": "agreement"}
_DEFAULT_ID = {"regulation": "draft-regulation", "order": "draft-order", "agreement": "draft-agreement"}


def instrument_to_landscape(
    instr: Instrument, *, instrument_id: str, status: str = "draft", title_en: str | None = None
) -> dict:
    if instr.kind not in RANK:
        raise InputError(
            f"a {instr.kind} is not a legal instrument and has no place in a landscape",
            hint="write the regulation, order or agreement it belongs to instead",
        )
    provisions = []
    for n in instr.walk():
        node = n.node
        if not (node.authorises or node.empowers):
            continue
        number = n.number.rstrip(".")
        prov = {
            "id": node.id,
            "ref": f"[projekts] {number}. punkts" if instr.kind != "agreement" else f"[projekts] {number}. punkts",
            "ref_en": f"[draft] paragraph {number}",
            "source": f"draft: pamats ({instrument_id})",
            "verified": False,
        }
        if node.authorises:
            prov["authorises"] = [{k: v for k, v in p.items() if v is not None} for p in node.authorises]
        if node.empowers:
            prov["empowers"] = list(node.empowers)
        provisions.append(prov)
    empowered = [
        {"instrument": c.instrument, "provision": c.provision}
        for c in instr.empowered_by
        if c.instrument and c.provision
    ]
    for ref in (instr.meta.get("landscape_basis") or "").split():
        inst, _, prov = ref.partition("/")
        if {"instrument": inst, "provision": prov} not in empowered:
            empowered.append({"instrument": inst, "provision": prov})
    title = {"lv": instr.title}
    if title_en:
        title["en"] = title_en
    data = {
        "id": instrument_id,
        "kind": RANK[instr.kind],
        "title": title,
        "status": status,
        "empowered_by": empowered,
        "provisions": provisions,
        "source": f"draft: pamats ({instrument_id})",
        "verified": False,
    }
    if instr.kind == "agreement":
        data["parties"] = [p.key for p in instr.parties]
    elif instr.issuer_key:
        data["issuer"] = instr.issuer_key
    out = {"instruments": [data]}
    LandscapeFile.model_validate(out)  # the contract: always a valid landscape file
    return out


def answers_to_landscape(answers: Answers, *, instrument_id: str | None = None) -> dict:
    instr = build_instrument(answers, lang="lv")
    return instrument_to_landscape(
        instr,
        instrument_id=instrument_id or _DEFAULT_ID.get(answers.kind, "draft"),
        title_en=pick(answers.title, "en") if not isinstance(answers.title, str) else None,
    )


def answers_file_to_landscape(path, *, instrument_id: str | None = None) -> dict:
    """An answers file (YAML/JSON) as a landscape instrument; its id defaults to the file's name
    (``answers/nrm-regulation.yaml`` -> ``nrm-regulation``; ``agreements/marta-vrs/answers.yaml``
    -> ``marta-vrs``), so drafts that cite each other by those ids resolve."""
    from pathlib import Path

    from ..yamlio import load_yaml
    from .answers import load_answers

    doc, _pos = load_yaml(path)
    if isinstance(doc, dict) and doc.get("kind") == "amendment":  # an amending regulation: its new points
        from .amendment.pipeline import prepare
        from .amendment.to_landscape import amendment_to_landscape

        return amendment_to_landscape(prepare(path), instrument_id=instrument_id or Path(path).stem)
    p = Path(path)
    iid = instrument_id or (p.parent.name if p.stem == "answers" else p.stem)
    return answers_to_landscape(load_answers(p), instrument_id=iid)


def split_draft_files(paths) -> tuple[list, list[tuple[dict, str]]]:
    """Draft files for a what-if: landscape-format files as paths, and answers files (a top-level
    ``kind:`` and no ``instruments:``) drafted on the fly as ``(landscape data, origin)`` pairs."""
    from pathlib import Path

    from ..errors import relpath
    from ..yamlio import load_yaml

    files, data = [], []
    for p in paths:
        doc, _pos = load_yaml(p)
        if isinstance(doc, dict) and "kind" in doc and "instruments" not in doc:
            data.append((answers_file_to_landscape(p), relpath(p)))
        else:
            files.append(Path(p))
    return files, data
