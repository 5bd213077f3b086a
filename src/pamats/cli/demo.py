"""This file defines ``pamats demo``: the seed's story told end to end on the bundled data.

1. the gap report for ``graph/lv-nrm`` as of today: the border guard may not inform the
   service provider (the reason the MARTA–State Border Guard agreement failed);
2. the instruments that close it, drafted from the bundled answers: an amendment to Cabinet
   Regulation No. 344 (2019), the regulation in force under SPSPL s.13(1)(7), with its
   consolidated text (changes marked), the Interior Ministry order and the MARTA–VRS agreement
   that implement it (DOCX lv/en, Markdown, Akoma Ntoso, each also as a landscape instrument)
   and the annotation, whose "current situation" is the gap report;
3. the what-if with those drafted instruments adopted: which gaps close, and which remain, why
   (an institution the amendment's text does not name) and the remedy each would need;
every output (JSON, Markdown, DOCX, HTML, XML, YAML; Latvian and English) goes under one folder.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from ..resources import graph_dir
from .main import cli

__all__ = ["demo"]

SEED_GAP = "vrs-to-marta-possible-victim"


def _write_all(report: dict, stem: Path, graph: dict | None) -> list[Path]:
    from ..landscape.report import render

    written = []
    render(report, "json", "lv", stem.with_suffix(".json"))
    written.append(stem.with_suffix(".json"))
    for lang in ("lv", "en"):
        base = stem.with_name(f"{stem.name}-{lang}")
        for fmt, ext in (("md", ".md"), ("docx", ".docx"), ("html", ".html")):
            out = base.with_suffix(ext)
            render(report, fmt, lang, out, graph=graph)
            written.append(out)
    return written


@cli.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="out/demo",
    show_default=True,
    help="folder for every output",
)
@click.option("--as-of", "as_of", metavar="DATE", help="date of the check (YYYY-MM-DD); default today")
def demo(out_dir, as_of):
    """Tell the seed's story end to end on the bundled Latvian data, writing every output under OUT."""
    from ..landscape.check import check_landscape
    from ..landscape.load import load_landscape
    from ..landscape.report import graph_data, render
    from ..landscape.whatif import what_if
    from .gaps import parse_date

    con = Console()
    date = parse_date(as_of)
    out = Path(out_dir)
    land = graph_dir() / "lv-nrm"

    con.rule("[bold]pamats demo[/bold]: the national referral mechanism, Latvia")
    con.print(
        "Centrs MARTA and the State Border Guard could not conclude a cooperation agreement: no norm "
        "allowed the border guard to inform the service provider about a possible victim.\n"
    )

    con.rule("1. The landscape as it stands")
    ls = load_landscape([land])
    rep = check_landscape(ls, date)
    today = rep.to_json()
    render(today, "table", "en", console=con)
    seed = next((f for f in today["findings"] if f["flow"] == SEED_GAP), None)
    if seed:
        con.print(f"\n[bold red]The seed's gap[/bold red] ({seed['code']}): {seed['message']['en']}")
        con.print(f"[bold]Remedy:[/bold] {seed['remedy']['text']['en']}")
    files = _write_all(today, out / "1-today" / "gaps", graph_data(ls, today))

    con.rule("2. Drafting the amendment to Regulation No. 344 that closes it")
    con.print(
        "No. 344 (2019) is already issued under the mandate the remedy names, so it is amended "
        "rather than a parallel regulation issued (MK Reg. No. 108, paras 3.1-3.2)."
    )
    from .demo_drafts import draft_seed_instruments

    drafted = draft_seed_instruments(out / "2-drafts", today)
    for name, _title, points, lint in drafted.rows:
        con.print(f"  [bold]{name}[/bold]: {points} points; lint: {lint} finding(s)")
    files += drafted.files

    con.rule("3. What if the drafted instruments were adopted")
    wi = what_if([land], [], date, extra_drafts=drafted.landscape)
    wj = wi.to_json()
    render(wj, "table", "en", console=con)
    ls_after = load_landscape([land], draft_data=drafted.landscape, as_of=date)
    files += _write_all(wj, out / "3-what-if" / "what-if", graph_data(ls_after, wj["after"]))
    closed_seed = any(k.endswith(":" + SEED_GAP) for k in wi.closed)
    con.print(
        f"\nThe seed's gap is {'[green]closed[/green]' if closed_seed else '[red]still open[/red]'} "
        f"once the amendment to Regulation No. 344, the order and the agreement are adopted "
        f"({len(wi.closed)} closed, {len(wi.remaining)} remaining, {len(wi.opened)} opened)."
    )
    _explain_remaining(con, wj, drafted.named, ls_after)

    con.rule("Outputs")
    for f in files:
        con.print(f"  {f}")
    con.print(f"\nEverything is under [bold]{out}[/bold]. Open {out / '1-today' / 'gaps-en.html'} in a browser.")


def _explain_remaining(con: Console, wj: dict, named: dict[str, list[str]], ls) -> None:
    """The findings still open, by institution: what they are, why (the amendment's text does not
    name the institution, so it authorises nothing for it) and the remedy each would need."""
    from ..text.latvian import join_and

    if not wj["remaining"]:
        return
    name = lambda k: (ls.actors[k].name.en or ls.actors[k].name.lv) if k in ls.actors else k  # noqa: E731
    senders = list(dict.fromkeys(k for ks in named.values() for k in ks))
    points = list(
        dict.fromkeys(ref.rsplit(" ", 2)[-2] if "sub-paragraph" in ref else ref.rsplit(" ", 1)[-1] for ref in named)
    )  # "… sub-paragraph 5.¹ 1" -> "5.¹"
    where = f"paragraph{'s' if len(points) > 1 else ''} {', '.join(points)}"
    findings = {f["key"]: f for f in wj["after"]["findings"]}
    by_actor: dict[str, list[dict]] = {}
    for key in wj["remaining"]:
        f = findings[key]
        by_actor.setdefault(f.get("actor") or f.get("sender"), []).append(f)
    con.print(f"\n[bold]What remains ({len(wj['remaining'])}), and why:[/bold]")
    for actor, fs in by_actor.items():
        con.print(f"  [bold]{name(actor)}[/bold] ({len(fs)}): " + " ".join(f["message"]["en"] for f in fs))
        if actor in senders:
            con.print(
                "    Why: the amendment names it, yet the flow is not covered: see the candidates in the what-if report."
            )
        else:
            con.print(
                f"    Why: {where} of the amendment name{'' if len(points) > 1 else 's'} "
                f"{join_and([name(k) for k in senders], 'and')} as the institutions that inform; {name(actor)} is not "
                "among them, so the amendment authorises no flow from it."
            )
            con.print(
                f"    Remedy: name {name(actor)} in {where} where the law allows it (the amendment's note to "
                "the drafter says what to check); otherwise:"
            )
        for f in fs:
            text = ((f.get("remedy") or {}).get("text") or {}).get("en")
            if text:
                con.print(f"      {f['key']}: {text}")
