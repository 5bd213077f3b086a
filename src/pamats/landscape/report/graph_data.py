"""This file defines the landscape data the reports need beyond the gap-report JSON.

:func:`graph_data` reads only the model objects of a loaded landscape (actors, flows,
instruments) and returns plain dicts: actors with subordination and roles (the HTML
picture), flows with their verdicts, descriptions and sources, and instruments with their
source and verified flag (the sources list of every report format).
"""

from __future__ import annotations

__all__ = ["graph_data", "cited_instruments"]


def _text(t) -> dict | None:
    return t.model_dump() if t is not None else None


def graph_data(ls, report: dict) -> dict:
    """Actors, flows (covered or not) and instruments of ``ls`` for drawing and citing."""
    if report.get("schema") == "pamats.what-if/1":
        report = report["after"]
    verdict = {f["id"]: f for f in report.get("flows", [])}
    actors = [
        {
            "id": a.id,
            "name": a.name.model_dump(),
            "short": a.short,
            "subordinate_to": a.subordinate_to,
            "roles": list(a.roles),
            "public_authority": a.public_authority,
        }
        for a in sorted(ls.actors.values(), key=lambda a: a.id)
    ]
    flows = [
        {
            "id": f.id,
            "sender": f.sender,
            "recipient": f.recipient,
            "purpose": f.purpose,
            "covered": bool(verdict.get(f.id, {}).get("covered")),
            "description": _text(f.description),
            "source": f.source,
        }
        for f in sorted(ls.flows.values(), key=lambda f: f.id)
    ]
    instruments = [
        {
            "id": i.id,
            "kind": i.kind,
            "short": i.short,
            "title": i.title.model_dump(),
            "source": i.source,
            "verified": i.verified,
            "status": i.status.value,
            "provisions": {p.id: {"ref": p.ref, "source": p.source, "verified": p.verified} for p in i.provisions},
        }
        for i in sorted(ls.instruments.values(), key=lambda i: i.id)
    ]
    return {"actors": actors, "flows": flows, "instruments": instruments}


def cited_instruments(report: dict) -> list[tuple[str, str | None, str]]:
    """(instrument, provision or None, ref) cited by a report: bases, candidates and remedies, in order."""
    reps = [report["before"], report["after"]] if report.get("schema") == "pamats.what-if/1" else [report]
    seen: dict[tuple[str, str | None], str] = {}
    for rep in reps:
        for fl in rep.get("flows", []):
            b = fl.get("basis")
            if b:
                seen.setdefault((b["instrument"], b.get("provision")), b.get("ref", ""))
        for f in rep.get("findings", []):
            for c in f.get("candidates") or []:
                seen.setdefault((c["instrument"], c.get("provision")), c.get("ref", ""))
            under = (f.get("remedy") or {}).get("under")
            if under:
                seen.setdefault((under["instrument"], under.get("provision")), under.get("ref", ""))
    return [(i, p, ref) for (i, p), ref in seen.items()]
