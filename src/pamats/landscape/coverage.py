"""This file defines which NRM coverage findings only restate a flow finding.

A first-contact institution with no lawful path to a service provider (or the police) is an
NRM coverage finding. When the institution has exactly one flow to an actor with that role,
and that flow has no legal basis at all (``NO_BASIS``), the coverage finding says the same
thing again: it is kept and linked to the flow's finding (:attr:`Finding.restates`), and the
headline counts distinct problems only ("Distinct problems: N; coverage findings that restate
them: M", docs/landscape-reports.md). Where the institution has no such flow, or several, the
coverage finding is a problem of its own.
"""

from __future__ import annotations

from collections import defaultdict

from .findings import Finding
from .index import Index

__all__ = ["coverage_roles", "link_restated"]


def coverage_roles(ix: Index) -> dict[str, str]:
    """The role each NRM coverage code is about (the jurisdiction's ``nrm``; none without it)."""
    nrm = ix.ls.jurisdiction.nrm
    if nrm is None:
        return {}
    return {"NRM_NO_PATH_TO_PROVIDER": nrm.to_service_provider.role, "NRM_NO_PATH_TO_POLICE": nrm.to_police.role}


def link_restated(ix: Index, findings: list[Finding]) -> None:
    """Set ``restates`` on every coverage finding of ``findings`` that only restates a
    ``NO_BASIS`` finding (the institution's only flow to an actor with the code's role)."""
    no_basis = {f.flow.id: f.key for f in findings if f.code == "NO_BASIS" and f.flow is not None}
    if not no_basis:
        return
    roles = coverage_roles(ix)
    coverage = [f for f in findings if f.flow is None and f.code in roles]
    if not coverage:
        return
    senders = {f.actor for f in coverage}
    by_sender: dict[str, list] = defaultdict(list)
    for fl in ix.ls.flows.values():
        if fl.sender in senders:
            by_sender[fl.sender].append(fl)
    for f in coverage:
        role = roles[f.code]
        to_role = [fl for fl in by_sender.get(f.actor, ()) if role in ix.roles.get(fl.recipient, ())]
        if len(to_role) == 1 and to_role[0].id in no_basis:
            f.restates = no_basis[to_role[0].id]
