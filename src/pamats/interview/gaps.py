"""This file defines the bridge between the gap-report interview (interviews/gaps.yml) and the core.

No docassemble here: the interview hands over plain values (a bundled landscape id or the
uploaded files as ``(original name, path)`` pairs, a date, the drafts, a language) and gets
back a :class:`GapRun`:

- ``problems``: when an uploaded file is bad, one line per problem in the core's own words
  (``file:line: what is wrong`` and a hint on how to fix it), with the upload's original file
  name instead of the server's temporary path; no report then;
- ``report``: the stable JSON (``pamats.gap-report/1``, or ``pamats.what-if/1`` with drafts);
- ``docx`` / ``html`` / ``json``: the report files, made by the core's renderers
  (:mod:`pamats.landscape.report`), exactly as ``pamats gaps`` makes them;
- :meth:`GapRun.findings_html` / :meth:`GapRun.whatif_html`: the findings as an HTML table for
  the screen (every landscape text escaped), each finding expandable to the provisions
  considered and the remedy.

Bundled drafts are read as data labelled ``graph/<folder>/<file>`` (the path ``pamats gaps``
prints when run from a checkout), so the interview's report names them the same way on any
server; uploaded files keep their line numbers and are named by their original file name.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ErrorList, InputError, PamatsError, relpath
from ..landscape.codes import CODES
from ..resources import graph_dir
from ..text.messages import msg

__all__ = [
    "bundled_landscapes",
    "bundled_drafts",
    "run_gaps",
    "GapRun",
    "stage_uploads",
    "upload_pairs",
    "findings_table",
    "cli_command",
    "edit_button",
    "screen_text",
    "codes_help",
]


def _s(key: str, lang: str) -> str:
    """The gap interview's own screen text ``screen.<key>`` (the text catalogue)."""
    return msg("screen." + key, "en" if lang == "en" else "lv")


def codes_help(lang: str) -> str:
    """What each finding code means, as a Markdown list for the findings screen's help
    (the code registry's order; the texts are the catalogue's ``code.<ID>.help``)."""
    lang = "en" if lang == "en" else "lv"
    return "\n".join(f"* **{c}** — {msg(f'code.{c}.help', lang)}" for c in CODES)


# ---- what is bundled ---------------------------------------------------------------------


def bundled_landscapes() -> list[dict]:
    """Landscapes shipped with pamats: folders under ``graph/`` whose files carry ``landscape:`` metadata.

    Each item: ``id`` (the folder name), ``title`` ({lv, en}), ``drafts`` (the ``<id>-drafts``
    folder's files, see :func:`bundled_drafts`)."""
    from ..yamlio import load_yaml

    out = []
    root = graph_dir()
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        meta = None
        for f in sorted(folder.glob("*.yaml")):
            data, _pos = load_yaml(f)
            if isinstance(data, dict) and isinstance(data.get("landscape"), dict):
                meta = data["landscape"]
                break
        if meta is None:
            continue
        out.append({"id": folder.name, "title": dict(meta.get("title") or {}), "drafts": bundled_drafts(folder.name)})
    return out


def bundled_drafts(landscape_id: str) -> list[dict]:
    """Draft instruments bundled for a landscape (``graph/<id>-drafts/*.yaml``): ``file``, ``label``, ``title``."""
    from ..yamlio import load_yaml

    folder = graph_dir() / f"{landscape_id}-drafts"
    out = []
    if not folder.is_dir():
        return out
    for f in sorted(folder.glob("*.yaml")):
        data, _pos = load_yaml(f)
        titles = [dict(i.get("title") or {}) for i in (data or {}).get("instruments", []) if isinstance(i, dict)]
        out.append(
            {
                "file": f.name,
                "label": f"graph/{folder.name}/{f.name}",
                "title": titles[0] if titles else {"lv": f.stem, "en": f.stem},
            }
        )
    return out


# ---- uploads -----------------------------------------------------------------------------

_SAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


def upload_pairs(files) -> list[tuple[str, str]]:
    """``(original name, path)`` for each upload: pairs as given, or file objects with ``filename`` and ``path()``
    (docassemble's DAFile, duck-typed so this module never imports docassemble)."""
    out = []
    for item in files or []:
        if isinstance(item, (tuple, list)):
            name, path = item
        else:
            path = item.path() if callable(getattr(item, "path", None)) else str(item)
            name = getattr(item, "filename", None) or Path(str(path)).name
        out.append((str(name), str(path)))
    return out


def stage_uploads(files: Sequence[tuple[str, str | os.PathLike]], dest: Path) -> list[Path]:
    """Copy uploads into ``dest`` under their original base names (made safe and unique)."""
    dest.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    used: set[str] = set()
    for name, path in files:
        base = _SAFE.sub("_", Path(str(name or "upload.yaml")).name).strip("._") or "upload.yaml"
        stem, suffix = os.path.splitext(base)
        candidate, n = base, 2
        while candidate.lower() in used:
            candidate, n = f"{stem}-{n}{suffix}", n + 1
        used.add(candidate.lower())
        target = dest / candidate
        shutil.copyfile(path, target)
        out.append(target)
    return out


# ---- the run -----------------------------------------------------------------------------


@dataclass
class GapRun:
    """What the interview shows and offers; ``problems`` non-empty means bad input, no report."""

    lang: str
    problems: list[str] = field(default_factory=list)
    problem_in: str | None = None  # "landscape" or "drafts": which upload to ask for again
    report: dict | None = None
    graph: dict | None = None
    docx: bytes = b""
    html: str = ""
    json: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and self.report is not None

    @property
    def is_whatif(self) -> bool:
        return bool(self.report) and self.report.get("schema") == "pamats.what-if/1"

    @property
    def final(self) -> dict:
        """The gap report that holds after the drafts (or the only one)."""
        return self.report["after"] if self.is_whatif else self.report

    @property
    def summary(self) -> dict:
        return self.final["summary"]

    @property
    def title(self) -> str:
        from ..landscape.report.texts import tx

        return tx(self.final["landscape"]["title"], self.lang)

    @property
    def title_html(self) -> str:
        """The landscape's title escaped for a screen (it is user data: ``<b>&`` must show as typed)."""
        return screen_text(self.title)

    def counts(self) -> dict[str, int]:
        if not self.is_whatif:
            return {"findings": len(self.report["findings"])}
        return {k: len(self.report[k]) for k in ("closed", "remaining", "opened")}

    def flow_words(self, finding: dict, lang: str | None = None) -> str:
        return flow_words(finding, self.graph, lang or self.lang)

    def findings_html(self, lang: str | None = None, which: str = "final") -> str:
        """The findings as an HTML table (code, flow in words, reason), each row expandable."""
        rep = self.report["before"] if which == "before" else self.final
        status = None
        if self.is_whatif and which != "before":  # after the drafts: say which gaps remain and which are new
            status = {k: st for st in ("remaining", "opened") for k in self.report[st]}
        return findings_table(rep["findings"], self.graph, lang or self.lang, status)

    def whatif_html(self, lang: str | None = None) -> str:
        """Closed / remaining / opened side by side (what-if runs only)."""
        return whatif_columns(self.report, self.graph, lang or self.lang)


def run_gaps(
    *,
    landscape: str | None = None,
    uploads: Sequence[tuple[str, str | os.PathLike]] = (),
    as_of: dt.date | str | None = None,
    drafts: Sequence[str] = (),
    draft_uploads: Sequence[tuple[str, str | os.PathLike]] = (),
    lang: str = "lv",
    today: dt.date | None = None,
) -> GapRun:
    """Check a bundled landscape (``landscape`` = its folder name) or uploaded landscape files.

    ``drafts``: file names of the landscape's bundled drafts (``graph/<id>-drafts``);
    ``draft_uploads``: uploaded draft files (landscape YAML or answers files). With any draft
    the run is a what-if. ``today`` is the "Generated" date printed in the DOCX (default today).
    Bad input never raises: it comes back as ``problems``.
    """
    if lang not in ("lv", "en"):
        raise ValueError(f"unknown language {lang!r} (lv or en)")
    date = _date(as_of)
    work = Path(tempfile.mkdtemp(prefix="pamats-gaps-"))
    try:
        return _run(
            landscape, upload_pairs(uploads), date, list(drafts), upload_pairs(draft_uploads), lang, today, work
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _date(value) -> dt.date:
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):
        return dt.date(value.year, value.month, value.day)
    return dt.date.fromisoformat(str(value)[:10])


def _run(landscape, uploads, date, drafts, draft_uploads, lang, today, work: Path) -> GapRun:
    from ..drafting.to_landscape import split_draft_files
    from ..landscape.check import check_landscape
    from ..landscape.load import load_landscape
    from ..landscape.report import graph_data, render
    from ..landscape.report.docx import to_docx_bytes
    from ..landscape.whatif import what_if
    from ..yamlio import load_yaml

    run = GapRun(lang=lang)
    staged_dirs = []
    try:
        if landscape:
            folder = graph_dir() / landscape
            if not (folder.is_dir() and any(b["id"] == landscape for b in bundled_landscapes())):
                raise InputError(
                    f"unknown bundled landscape {landscape!r}",
                    hint="bundled: " + ", ".join(b["id"] for b in bundled_landscapes()),
                )
            paths: list[Path] = [folder]
        else:
            run.problem_in = "landscape"
            if not uploads:
                run.problems = [_s("no_files", lang)]
                return run
            staged_dirs.append(work / "landscape")
            paths = stage_uploads(uploads, work / "landscape")
            run.problems = _not_yaml(paths, lang)
            if run.problems:
                return run
            load_landscape(paths)  # its own problems first, before any draft is involved
        run.problem_in = "drafts"
        draft_data: list[tuple[dict, str]] = []
        for name in drafts:
            known = {d["file"]: d for d in bundled_drafts(landscape)} if landscape else {}
            if name not in known:
                raise InputError(
                    f"unknown bundled draft {name!r}",
                    hint="bundled drafts: " + (", ".join(known) or "none for an uploaded landscape"),
                )
            data, _pos = load_yaml(graph_dir() / f"{landscape}-drafts" / name)
            draft_data.append((data, known[name]["label"]))
        draft_files: list[Path] = []
        if draft_uploads:
            staged_dirs.append(work / "drafts")
            staged = stage_uploads(draft_uploads, work / "drafts")
            run.problems = _not_yaml(staged, lang)
            if run.problems:
                return run
            files, data = split_draft_files(tuple(str(p) for p in staged))  # as `pamats gaps --with`
            draft_files, draft_data = list(files), draft_data + list(data)
        if draft_data or draft_files:
            wi = what_if(paths, draft_files, date, extra_drafts=draft_data)
            report = wi.to_json()
            ls = load_landscape(paths, drafts=draft_files, draft_data=draft_data, as_of=date)
            graph = graph_data(ls, report["after"])
        else:
            ls = load_landscape(paths)
            report = check_landscape(ls, date).to_json()
            graph = graph_data(ls, report)
    except (InputError, ErrorList, PamatsError) as err:
        run.problems = _problem_lines(err, staged_dirs, lang)
        return run
    report = _unstage(report, staged_dirs)
    run.report, run.graph, run.problem_in = report, graph, None
    run.docx = to_docx_bytes(report, lang, graph, today=today)
    run.html = render(report, "html", lang, graph=graph)
    run.json = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    return run


def cli_command(
    *,
    landscape: str | None,
    as_of,
    drafts: Sequence[str] = (),
    uploads=(),
    draft_uploads=(),
    lang: str = "lv",
    fmt: str = "docx",
) -> str:
    """The ``pamats gaps`` command line that makes the same report from a checkout (uploads by file name)."""
    import shlex

    parts = ["pamats", "gaps"]
    if landscape:
        parts.append(f"graph/{landscape}")
    else:
        parts += [name for name, _p in upload_pairs(uploads)]
    parts += ["--as-of", _date(as_of).isoformat()]
    for d in drafts:
        parts += ["--with", f"graph/{landscape}-drafts/{d}"]
    for name, _p in upload_pairs(draft_uploads):
        parts += ["--with", name]
    parts += ["--lang", lang, "--format", fmt]
    if fmt == "docx":
        parts += ["-o", "gaps.docx"]
    return " ".join(shlex.quote(p) for p in parts)


def _not_yaml(paths: list[Path], lang: str) -> list[str]:
    return [f"{p.name}: {_s('not_yaml', lang)}" for p in paths if p.suffix.lower() not in (".yaml", ".yml")]


def _prefixes(dirs: list[Path]) -> list[str]:
    out = []
    for d in dirs:
        for form in (str(d.resolve()), str(d), relpath(d)):
            if form not in out:
                out.append(form)
    return sorted(out, key=len, reverse=True)


def _strip(text: str, dirs: list[Path]) -> str:
    for prefix in _prefixes(dirs):
        text = text.replace(prefix + os.sep, "")
    return text


def _problem_lines(err: PamatsError, dirs: list[Path], lang: str) -> list[str]:
    """One line per problem: ``file:line: message`` then ``How to fix: hint``; temporary paths removed."""
    errs = err.errors if isinstance(err, ErrorList) else [err]
    lines = []
    for e in errs:
        where = f"{e.location}: " if getattr(e, "location", None) else ""
        line = _strip(where + e.message, dirs)
        if getattr(e, "hint", None):
            line += f" — {_s('fix', lang)}: {_strip(e.hint, dirs)}"
        lines.append(line)
    return lines


def _unstage(report: dict, dirs: list[Path]) -> dict:
    """Report JSON with the staged uploads named by their file names (drafts lists)."""
    if not dirs:
        return report

    def fix(rep: dict) -> None:
        rep["drafts"] = [_strip(d, dirs) for d in rep.get("drafts", [])]

    fix(report)
    for key in ("before", "after"):
        if key in report:
            fix(report[key])
    return report


# ---- screen HTML -------------------------------------------------------------------------


def screen_text(text) -> str:
    """User or landscape text made safe for a docassemble screen (HTML and docassemble's [TAGS] escaped)."""
    return _e(text)


def edit_button(url: str | None, label: str) -> str:
    """A small button to ``url`` (docassemble's ``url_ask([...])``: ask again, then come back).

    ``url`` is None when no web server runs (in-process tests); the button then links to ``#``."""
    return f'<a class="btn btn-sm btn-outline-secondary btn-darevisit" href="{_e(url or "#")}">{_e(label)}</a>'


def _e(s) -> str:
    """HTML-escaped text; also ``[`` ``]``, which docassemble's screen filter would read as its
    own markup (``[FILE …]``, ``[BR]``, …) even inside HTML."""
    return html.escape(str(s), quote=True).replace("[", "&#91;").replace("]", "&#93;")


def _actor(graph: dict | None, aid: str | None, lang: str) -> str:
    from ..landscape.report.texts import graph_index

    a = graph_index(graph)[1].get(aid) if graph and aid is not None else None
    if a is not None:
        return a.get("short") or (a["name"].get(lang) or a["name"].get("lv") or aid)
    return aid or ""


def flow_words(finding: dict, graph: dict | None, lang: str) -> str:
    """A finding's subject in words: ``VRS → MARTA: <the flow's description>`` (or the institution)."""
    from ..landscape.report.texts import flow_info, tx

    if not finding.get("flow"):
        return _actor(graph, finding.get("actor"), lang)
    head = f"{_actor(graph, finding['sender'], lang)} → {_actor(graph, finding['recipient'], lang)}"
    info = flow_info(graph, finding["flow"])
    desc = tx(info.get("description"), lang) if info else ""
    return f"{head}: {desc}" if desc else f"{head} ({finding.get('purpose', '')})"


def _details(f: dict, lang: str) -> str:
    from ..landscape.report.texts import t, tx

    parts = []
    if f.get("flow"):
        parts.append(
            f"<p><b>{_e(t('flow', lang))}:</b> <code>{_e(f['flow'])}</code>; "
            f"<b>{_e(t('data', lang))}:</b> {_e(', '.join(f['categories']))}; "
            f"<b>{_e(t('purpose', lang))}:</b> {_e(f['purpose'])}</p>"
        )
        items = "".join(
            f"<li><b>{_e(c['ref'])}</b>: "
            + _e("; ".join(f"{x['code']} – {tx(x['detail'], lang)}" for x in c["failures"]))
            + "</li>"
            for c in f.get("candidates") or []
        )
        parts.append(
            f"<p><b>{_e(t('candidates', lang))}:</b></p>"
            + (f"<ul>{items}</ul>" if items else f"<p>{_e(t('no_candidates', lang))}</p>")
        )
    rem = f.get("remedy")
    if rem:
        parts.append(f"<p><b>{_e(t('remedy', lang))}:</b> {_e(tx(rem['text'], lang))}</p>")
    return "".join(parts)


def _row(f: dict, graph: dict | None, lang: str, status: str | None = None) -> str:
    from ..landscape.report.texts import code_title, t, tx

    code = f"<code>{_e(f['code'])}</code><br><small>{_e(code_title(f['code'], lang))}</small>"
    if status:
        code += f"<br><small>{_e(t('st_' + status, lang))}</small>"
    reason = (
        f"{_e(tx(f['message'], lang))}<details><summary>{_e(_s('details', lang))}</summary>"
        f"{_details(f, lang)}</details>"
    )
    return f"<tr><td>{code}</td><td>{_e(flow_words(f, graph, lang))}</td><td>{reason}</td></tr>"


def findings_table(findings: list[dict], graph: dict | None, lang: str, status: dict | None = None) -> str:
    """An HTML table: code, flow in words, reason (expandable: provisions considered, remedy)."""
    from ..landscape.report.texts import t

    if not findings:
        return f"<p>{_e(t('no_findings', lang))}</p>"
    head = f"<tr><th>{_e(t('code', lang))}</th><th>{_e(t('flow', lang))}</th><th>{_e(_s('reason', lang))}</th></tr>"
    rows = "".join(_row(f, graph, lang, (status or {}).get(f["key"])) for f in findings)
    return f'<table class="table table-sm pamats-findings"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def whatif_columns(report: dict, graph: dict | None, lang: str) -> str:
    """Three columns side by side: gaps closed (from before), remaining and opened (from after)."""
    from ..landscape.report.texts import t

    before = {f["key"]: f for f in report["before"]["findings"]}
    after = {f["key"]: f for f in report["after"]["findings"]}
    cols = []
    for key, source in (("closed", before), ("remaining", after), ("opened", after)):
        items = "".join(
            f"<li><code>{_e(source[k]['code'])}</code> {_e(flow_words(source[k], graph, lang))}</li>"
            for k in report[key]
            if k in source
        )
        body = f"<ul>{items}</ul>" if items else f"<p>{_e(t('none', lang))}</p>"
        cols.append(f'<div class="col-md-4"><h4>{_e(t(key, lang))} ({len(report[key])})</h4>{body}</div>')
    return '<div class="row pamats-whatif">' + "".join(cols) + "</div>"
