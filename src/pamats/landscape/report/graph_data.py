"""This file defines the landscape picture's data: actors, subordination and flows with verdicts."""

from __future__ import annotations

__all__ = ["graph_data"]


def graph_data(ls, report: dict) -> dict:
    """Actors (with subordination and roles) and flows (covered or not) for drawing."""
    verdict = {f["id"]: f for f in report.get("flows", [])}
    actors = [{"id": a.id, "name": a.name.model_dump(), "short": a.short, "subordinate_to": a.subordinate_to,
               "roles": [r.value for r in a.roles], "public_authority": a.public_authority}
              for a in sorted(ls.actors.values(), key=lambda a: a.id)]
    flows = [{"id": f.id, "sender": f.sender, "recipient": f.recipient, "purpose": f.purpose,
              "covered": bool(verdict.get(f.id, {}).get("covered"))}
             for f in sorted(ls.flows.values(), key=lambda f: f.id)]
    return {"actors": actors, "flows": flows}
