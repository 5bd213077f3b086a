"""This file defines ``pamats graph export``: the landscape as a graph file for Gephi, yEd,
Cytoscape or a notebook (GraphML, GEXF, node-link JSON; see :mod:`pamats.landscape.graph`)."""

from __future__ import annotations

from pathlib import Path

import click

from .main import cli

__all__ = ["graph"]


@cli.group()
def graph() -> None:
    """The landscape as a graph (networkx MultiDiGraph) for other tools."""


@graph.command("export")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "json"]),
    default="graphml",
    show_default=True,
    help="json: networkx node-link JSON",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="write to this file (default: standard output)")
def export_cmd(paths, fmt, output):
    """Export the landscape PATHS (folders or files) as a graph: actors and instruments as nodes;
    flows, permissions, subordination, empowerment, issuers and parties as keyed edges."""
    from ..landscape.graph import to_networkx, write_graph
    from ..landscape.load import load_landscape

    data = write_graph(to_networkx(load_landscape(list(paths))), fmt)
    if output:
        from .._atomic import write_bytes_atomic

        write_bytes_atomic(Path(output), data)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(data.decode(), nl=False)
