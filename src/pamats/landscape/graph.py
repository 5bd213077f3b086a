"""This file defines the landscape as a networkx graph, for reviewers' own questions and for
other tools (Gephi, yEd, Cytoscape).

:func:`to_networkx` returns a :class:`networkx.MultiDiGraph`:

nodes (attribute ``node``)
    ``actor``: every institution or organisation, with ``name`` (lv), ``name_en``, ``short``,
    ``kind``, ``public_authority``, ``roles`` (list), ``verified``;
    ``instrument``: every legal instrument, with ``rank``, ``title``, ``status``, ``valid_from``,
    ``valid_to``, ``verified``, ``adopted`` (a draft treated as adopted in a what-if);
    ``class``: an actor class a provision names instead of one actor (``role:<role>``,
    ``kind:<actor kind>``, ``any``).

edges (attribute ``edge``; the key says which object the edge is)
    ``flow``: sender → recipient, key = flow id: ``categories``, ``purpose``, ``subjects``,
    ``regime``;
    ``permits``: sender → recipient, key = ``<instrument>/<provision>/<n>``, one per permission
    a provision grants: ``instrument``, ``provision``, ``ref``, ``categories``, ``purposes``,
    ``subjects``, ``regime``;
    ``subordinate_to``: actor → the actor it is subordinate to (pakļautība);
    ``supervised_by``: actor → its supervisor (pārraudzība; binds nothing);
    ``member_of``: actor → ``role:<role>`` for each of its roles, → ``kind:<its kind>`` and →
    ``any`` where a provision names them;
    ``empowers``: empowering instrument → empowered instrument, key = ``<instrument>/<provision>``;
    ``issued_by``: instrument → its issuer; ``party``: agreement → each party.

Lists stay lists in the graph; :func:`write_graph` flattens them for GraphML and GEXF (which hold
only scalars) as ``"; "``-joined strings. Example, in a notebook::

    >>> from pamats.landscape.load import load_landscape
    >>> from pamats.landscape.graph import to_networkx, flows_between
    >>> g = to_networkx(load_landscape(["graph/lv-nrm"]))
    >>> [k for _, _, k, d in g.out_edges("vrs", keys=True, data=True) if d["edge"] == "flow"]
    ['vrs-to-vp-possible-case', 'vrs-to-marta-possible-victim']
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import networkx as nx

from .load import Landscape

__all__ = ["to_networkx", "write_graph", "flows_between", "GRAPH_FORMATS"]

GRAPH_FORMATS = ("graphml", "gexf", "json")


def _class_node(g: nx.MultiDiGraph, ref: str) -> str:
    if ref not in g:
        g.add_node(ref, node="class", name=ref)
    return ref


def _endpoint(g: nx.MultiDiGraph, ref: str) -> str:
    return ref if ref in g and g.nodes[ref]["node"] == "actor" else _class_node(g, ref)


def to_networkx(ls: Landscape) -> nx.MultiDiGraph:
    """The landscape as a MultiDiGraph (see the module's docstring for its nodes and edges)."""
    g = nx.MultiDiGraph(landscape=ls.meta.id, title=ls.meta.title.get("lv"), jurisdiction=ls.meta.jurisdiction)
    for a in ls.actors.values():
        g.add_node(
            a.id,
            node="actor",
            name=a.name.get("lv"),
            name_en=a.name.en or "",
            short=a.short or "",
            kind=a.kind,
            public_authority=a.public_authority,
            roles=list(a.roles),
            verified=a.verified,
        )
    for a in ls.actors.values():
        if a.subordinate_to:
            g.add_edge(a.id, a.subordinate_to, key="subordinate_to", edge="subordinate_to")
        if a.supervised_by:
            g.add_edge(a.id, a.supervised_by, key="supervised_by", edge="supervised_by")
        for r in a.roles:
            g.add_edge(a.id, _class_node(g, f"role:{r}"), key="member_of", edge="member_of")
    for i in ls.instruments.values():
        g.add_node(
            i.id,
            node="instrument",
            rank=i.kind,
            title=i.title.get("lv"),
            status=i.status.value,
            valid_from=i.valid_from,
            valid_to=i.valid_to,
            verified=i.verified,
            adopted=i.id in ls.adopted,
        )
    for i in ls.instruments.values():
        if i.issuer:
            g.add_edge(i.id, i.issuer, key="issued_by", edge="issued_by")
        for p in i.parties:
            g.add_edge(i.id, p, key=f"party:{p}", edge="party")
        for e in i.empowered_by:
            g.add_edge(e.instrument, i.id, key=f"{e.instrument}/{e.provision}", edge="empowers", provision=e.provision)
        for prov in i.provisions:
            for n, perm in enumerate(prov.authorises, start=1):
                g.add_edge(
                    _endpoint(g, perm.sender),
                    _endpoint(g, perm.recipient),
                    key=f"{i.id}/{prov.id}/{n}",
                    edge="permits",
                    instrument=i.id,
                    provision=prov.id,
                    ref=prov.ref,
                    categories=list(perm.categories),
                    purposes=list(perm.purposes),
                    subjects=list(perm.subjects),
                    regime=perm.regime.value,
                )
    if any(d["node"] == "class" and n == "any" for n, d in g.nodes(data=True)):
        for a in ls.actors:
            g.add_edge(a, "any", key="member_of", edge="member_of")
    for a in ls.actors.values():  # kind:<kind> classes a permission names
        kind_node = f"kind:{a.kind}"
        if kind_node in g and g.nodes[kind_node]["node"] == "class":
            g.add_edge(a.id, kind_node, key="member_of", edge="member_of")
    for f in ls.flows.values():
        g.add_edge(
            f.sender,
            f.recipient,
            key=f.id,
            edge="flow",
            categories=list(f.categories),
            purpose=f.purpose,
            subjects=list(f.subjects),
            regime=f.regime.value,
        )
    return g


def flows_between(g: nx.MultiDiGraph, sender: str, recipient: str) -> Iterator[tuple[str, dict]]:
    """The flows from ``sender`` to ``recipient``: ``(flow id, attributes)``."""
    for _, target, key, data in g.out_edges(sender, keys=True, data=True):
        if target == recipient and data["edge"] == "flow":
            yield key, data


def _scalar(value):
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    return value


def _flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    h = nx.MultiDiGraph(**{k: _scalar(v) for k, v in g.graph.items()})
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: _scalar(v) for k, v in d.items()})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{a: _scalar(x) for a, x in d.items()})
    return h


def write_graph(g: nx.MultiDiGraph, fmt: str) -> bytes:
    """The graph as GraphML, GEXF or node-link JSON, as bytes (UTF-8)."""
    if fmt == "json":
        data = nx.node_link_data(g, edges="edges")
        return (json.dumps(data, ensure_ascii=False, indent=1, default=_scalar) + "\n").encode()
    flat = _flat(g)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(flat)).encode() + b"\n"
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(flat)).encode() + b"\n"
    raise ValueError(f"unknown graph format {fmt!r}; one of {', '.join(GRAPH_FORMATS)}")
