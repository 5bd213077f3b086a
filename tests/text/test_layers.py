"""The landscape and the text module stay below the other packages: they import nothing from
drafting, registry, interview or cli, and call no other module's private functions."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "pamats"
FORBIDDEN = ("drafting", "registry", "interview", "cli")


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module as written, names, level) of every import in ``path``."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            out.append((node.module or "", [a.name for a in node.names], node.level))
        elif isinstance(node, ast.Import):
            out += [(a.name, [], 0) for a in node.names]
    return out


def _resolve(path: Path, module: str, level: int) -> str:
    """The absolute dotted name of an import written in ``path``."""
    if level == 0:
        return module
    pkg = path.relative_to(SRC.parent).with_suffix("").parts[:-1]
    base = pkg[: len(pkg) - (level - 1)]
    return ".".join((*base, module)) if module else ".".join(base)


def _files():
    return sorted([*(SRC / "landscape").rglob("*.py"), *(SRC / "text").rglob("*.py")])


def test_landscape_and_text_import_no_higher_layer():
    bad = []
    for path in _files():
        for module, names, level in _imports(path):
            full = _resolve(path, module, level)
            parts = full.split(".")
            if parts[0] == "pamats" and len(parts) > 1 and parts[1] in FORBIDDEN:
                bad.append(f"{path.relative_to(SRC)}: {full}")
            if full in ("pamats", "") and any(n in FORBIDDEN for n in names):
                bad.append(f"{path.relative_to(SRC)}: {names}")
    assert not bad


def test_text_imports_nothing_from_the_landscape():
    for path in sorted((SRC / "text").rglob("*.py")):
        for module, _names, level in _imports(path):
            assert not _resolve(path, module, level).startswith("pamats.landscape"), path


def _module_names(path: Path) -> set[str]:
    """Local names bound to pamats modules in ``path`` (``from . import remedy``, ``import pamats.x as y``)."""
    out = set()
    for module, names, level in _imports(path):
        full = _resolve(path, module, level)
        if not full.startswith("pamats"):
            continue
        base = SRC.parent.joinpath(*full.split("."))
        out |= {n for n in names if (base / f"{n}.py").exists() or (base / n).is_dir()}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name.startswith("pamats")}
    return out


def test_no_private_name_of_another_module_is_imported_or_called():
    bad = []
    for path in _files():
        modules = _module_names(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and _resolve(path, node.module or "", node.level).startswith("pamats"):
                bad += [
                    f"{path.relative_to(SRC)}: from {node.module} import {a.name}"
                    for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")
                ]
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
            ):
                bad.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.value.id}.{node.attr}")
    assert not bad


def test_the_layer_checks_can_fail():
    """The resolver sees a relative import of the drafting package for what it is, and a
    module imported by name is known as one (so ``remedy._purpose_labels`` would be caught)."""
    f = SRC / "landscape" / "report" / "x.py"
    assert _resolve(f, "drafting.latvian", 3) == "pamats.drafting.latvian"
    assert _resolve(f, "texts", 1) == "pamats.landscape.report.texts"
    assert "audit" in _module_names(SRC / "registry" / "store.py")


def test_library_code_never_switches_the_garbage_collector():
    offenders = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if "gc.disable" in p.read_text(encoding="utf-8") and p != SRC / "cli" / "main.py"
    ]
    assert not offenders
