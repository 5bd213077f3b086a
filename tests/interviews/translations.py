"""The English translations of the interviews (docassemble's ``translations:`` XLIFF files).

Each interview block is written once, in Latvian (``default language: lv`` in the metadata);
docassemble shows the English text of every translatable text (question, subquestion, field
labels, choices, buttons, help, review items, attachment names) from an XLIFF 1.2 file in
``src/docassemble/pamats/data/sources/<interview>-en.xlf``, one per YAML file
(``_objects.yml`` included), as listed in that file's ``translations:`` block.

The texts are the ones docassemble itself collects when it parses an interview for
translation (``InterviewSource.translating``), exactly as it matches them when it shows a
screen, so a text changed in the YAML without its XLIFF unit shows up as "missing" and the
old unit as "stale".

    .venv/bin/python tests/interviews/translations.py            # report missing / stale
    .venv/bin/python tests/interviews/translations.py --update   # add missing units (empty
                                                                 # target), drop stale ones

A unit whose target equals its source is a text that reads the same in both languages
(a Mako expression, the bilingual language screen).
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SOURCES = REPO / "src" / "docassemble" / "pamats" / "data" / "sources"
INTERVIEWS = ("regulation.yml", "order.yml", "agreement.yml", "gaps.yml", "amendment.yml", "workspace.yml")
NS = "urn:oasis:names:tc:xliff:document:1.2"
ET.register_namespace("", NS)


def xliff_path(yaml_name: str) -> Path:
    return SOURCES / (Path(yaml_name).stem + "-en.xlf")


def collect() -> dict[str, list[tuple[str, str]]]:
    """{YAML file name: [(block id, text), ...]} of every translatable text, in file order,
    as docassemble collects them (each text once per file)."""
    import harness

    harness.setup()
    from docassemble.base.interview_source import interview_source_from_string

    out: dict[str, list[tuple[str, str]]] = {}
    seen: dict[str, set[str]] = {}
    for name in INTERVIEWS:
        with harness._ctx():
            source = interview_source_from_string(harness.interview_ref(name))
            source.translating = True
            interview = harness._STATE["parse"].Interview(source=source)
        for q in interview.questions_list:
            texts = getattr(q, "translations", None) or []
            fname = Path(str(q.from_source.path).split(":")[-1]).name
            for text in texts:
                if text in seen.setdefault(fname, set()):
                    continue
                seen[fname].add(text)
                out.setdefault(fname, []).append((str(getattr(q, "id", "") or ""), text))
    return out


def read_xliff(path: Path) -> dict[str, str]:
    """{source text: target text} of an XLIFF 1.2 file (empty if the file is absent)."""
    if not path.exists():
        return {}
    units = {}
    for unit in ET.parse(path).getroot().iter(f"{{{NS}}}trans-unit"):
        source = unit.find(f"{{{NS}}}source")
        target = unit.find(f"{{{NS}}}target")
        units[source.text or ""] = (target.text or "") if target is not None else ""
    return units


def write_xliff(path: Path, yaml_name: str, units: list[tuple[str, str, str]]) -> None:
    """Write [(block id, source, target), ...] as XLIFF 1.2, Latvian → English."""
    root = ET.Element(f"{{{NS}}}xliff", {"version": "1.2"})
    file_el = ET.SubElement(
        root,
        f"{{{NS}}}file",
        {"original": yaml_name, "source-language": "lv", "target-language": "en", "datatype": "plaintext"},
    )
    body = ET.SubElement(file_el, f"{{{NS}}}body")
    counts: dict[str, int] = {}
    for block_id, source, target in units:
        counts[block_id] = counts.get(block_id, 0) + 1
        unit = ET.SubElement(
            body,
            f"{{{NS}}}trans-unit",
            {
                "id": f"{block_id or 'block'}:{counts[block_id]}",
                "{http://www.w3.org/XML/1998/namespace}space": "preserve",
            },
        )
        ET.SubElement(unit, f"{{{NS}}}source").text = source
        ET.SubElement(unit, f"{{{NS}}}target").text = target
    ET.indent(root, space="  ")
    # ET.indent would add whitespace inside <source>/<target> only if they had children: they
    # hold text alone, which stays exact
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    ET.ElementTree(root).write(tmp, encoding="utf-8", xml_declaration=True)
    tmp.replace(path)


def check() -> dict[str, dict[str, list[str]]]:
    """{file: {'missing': [...], 'stale': [...]}} for every YAML file with translatable text."""
    report = {}
    for fname, items in collect().items():
        have = read_xliff(xliff_path(fname))
        texts = [t for _, t in items]
        report[fname] = {
            "missing": [t for t in texts if not have.get(t)],
            "stale": [s for s in have if s not in set(texts)],
        }
    return report


def update(seed: dict[str, str] | None = None) -> None:
    """Rewrite every XLIFF file: units in YAML order, known targets kept (or taken from
    ``seed``), new texts with an empty target, stale units dropped."""
    for fname, items in collect().items():
        path = xliff_path(fname)
        have = read_xliff(path)
        units = [(bid, text, have.get(text) or (seed or {}).get(text, "")) for bid, text in items]
        write_xliff(path, fname, units)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    if "--update" in argv:
        seed = None
        if "--seed" in argv:
            import json

            seed = json.loads(Path(argv[argv.index("--seed") + 1]).read_text(encoding="utf-8"))
        update(seed)
    bad = 0
    for fname, r in sorted(check().items()):
        for kind in ("missing", "stale"):
            for text in r[kind]:
                bad += 1
                print(f"{xliff_path(fname).relative_to(REPO)}: {kind}: {text[:70]!r}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main(sys.argv[1:]))
