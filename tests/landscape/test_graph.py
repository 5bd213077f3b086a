"""The landscape as a networkx MultiDiGraph, and `pamats graph export` (GraphML, GEXF, JSON)
read back by networkx itself."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
from click.testing import CliRunner

from pamats.cli.main import _register, cli
from pamats.landscape.graph import flows_between, to_networkx
from pamats.landscape.load import load_landscape

REPO = Path(__file__).resolve().parents[2]


def _graph():
    return to_networkx(load_landscape([REPO / "graph/lv-nrm"]))


def test_every_object_of_the_landscape_is_in_the_graph():
    ls = load_landscape([REPO / "graph/lv-nrm"])
    g = to_networkx(ls)
    assert {n for n, d in g.nodes(data=True) if d["node"] == "actor"} == set(ls.actors)
    assert {n for n, d in g.nodes(data=True) if d["node"] == "instrument"} == set(ls.instruments)
    flows = {k for _, _, k, d in g.edges(keys=True, data=True) if d["edge"] == "flow"}
    assert flows == set(ls.flows)
    permits = [d for _, _, d in g.edges(data=True) if d["edge"] == "permits"]
    assert len(permits) == sum(len(p.authorises) for i in ls.instruments.values() for p in i.provisions)
    subordinate = {(u, v) for u, v, d in g.edges(data=True) if d["edge"] == "subordinate_to"}
    assert subordinate == {(a.id, a.subordinate_to) for a in ls.actors.values() if a.subordinate_to}


def test_the_seed_flow_and_its_missing_permission():
    g = _graph()
    [(fid, data)] = [f for f in flows_between(g, "vrs", "marta")]
    assert fid == "vrs-to-marta-possible-victim" and data["purpose"] == "referral"
    # no provision of the landscape as it stands permits VRS -> MARTA: that is the seed's gap
    assert not [d for _, v, d in g.out_edges("vrs", data=True) if v == "marta" and d["edge"] == "permits"]
    # subordination is walkable with networkx: VRS is under the Interior Ministry
    assert nx.has_path(nx.subgraph_view(g, filter_edge=lambda u, v, k: k == "subordinate_to"), "vrs", "iem")


def test_with_a_draft_adopted_the_permission_appears():
    ls = load_landscape([REPO / "graph/lv-nrm"], drafts=[REPO / "graph/lv-nrm-drafts/nrm-regulation.yaml"])
    g = to_networkx(ls)
    assert g.nodes["nrm-regulation"]["adopted"] is True
    edges = [d for _, _, d in g.edges(data=True) if d["edge"] == "permits" and d["instrument"] == "nrm-regulation"]
    assert edges and all(d["ref"] for d in edges)


def _export(fmt, tmp_path):
    _register()
    out = tmp_path / f"g.{fmt}"
    r = CliRunner().invoke(cli, ["graph", "export", str(REPO / "graph/lv-nrm"), "--format", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    return out


def test_export_round_trips_through_networkx(tmp_path):
    g = _graph()
    gm = nx.read_graphml(_export("graphml", tmp_path))
    assert set(gm.nodes) == set(g.nodes) and gm.number_of_edges() == g.number_of_edges()
    assert gm.nodes["vrs"]["node"] == "actor" and "first_contact" in gm.nodes["vrs"]["roles"]
    gx = nx.read_gexf(_export("gexf", tmp_path))
    assert set(gx.nodes) == set(g.nodes) and gx.number_of_edges() == g.number_of_edges()
    data = json.loads(_export("json", tmp_path).read_text())
    gj = nx.node_link_graph(data, edges="edges")
    assert gj.is_multigraph() and gj.is_directed()
    assert set(gj.nodes) == set(g.nodes) and gj.number_of_edges() == g.number_of_edges()
    assert (
        gj.edges["vrs", "marta", "vrs-to-marta-possible-victim"]["categories"]
        == g.edges["vrs", "marta", "vrs-to-marta-possible-victim"]["categories"]
    )


def test_export_to_standard_output_and_bad_input(tmp_path):
    _register()
    r = CliRunner().invoke(cli, ["graph", "export", str(REPO / "graph/lv-nrm"), "--format", "graphml"])
    assert r.exit_code == 0 and nx.read_graphml(io.BytesIO(r.output.encode())).number_of_nodes() > 0
    r = CliRunner().invoke(cli, ["graph", "export", str(tmp_path / "missing")])
    assert r.exit_code == 2 and "no such file or folder" in r.output and "Traceback" not in r.output
