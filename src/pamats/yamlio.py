"""This file defines line-aware YAML reading for user files.

Every user file (landscapes, answers, draft instruments) is read through :func:`load_yaml`,
which keeps the line of every mapping key and sequence item so that schema errors can say
``file:line``. Duplicate keys are errors. Values are plain Python (dict, list, str, int,
float, bool, None, date); positions are kept in a side table, :class:`Positions`.

Two parsers: ``yaml_rs`` (Rust, YAML 1.2, ~20x faster) reads the data; the line table is
built lazily, with PyYAML's libyaml binding, only when an error needs a line. Where
``yaml_rs`` is missing, PyYAML does both (YAML 1.1: quote ``yes``/``no``/``on``/``off``).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, SequenceNode

from .errors import InputError, Location, relpath

__all__ = ["Positions", "load_yaml", "load_answers_file", "dump_yaml"]

PathKey = tuple[Any, ...]
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster


try:  # pragma: no cover - both branches are exercised where installed
    import yaml_rs as _fast
except ImportError:  # pragma: no cover
    _fast = None


class Positions:
    """Maps a path inside a loaded document (tuple of keys and indexes) to its line.

    Built eagerly by the PyYAML path, or lazily from ``text`` on the first look-up.
    """

    def __init__(self, path: str, text: str | None = None):
        self.path = path
        self.lines: dict[PathKey, int] = {}
        self._text = text

    def line(self, key: PathKey) -> int | None:
        """Line of ``key``, or of its nearest ancestor that has one."""
        if self._text is not None:
            text, self._text = self._text, None
            try:
                _parse_with_positions(text, self)
            except (InputError, yaml.YAMLError):
                pass
        key = tuple(key)
        while True:
            if key in self.lines:
                return self.lines[key]
            if not key:
                return None
            key = key[:-1]

    def at(self, key: PathKey) -> Location:
        return Location(self.path, self.line(key))


class _Dup(Exception):
    def __init__(self, key: Any, line: int):
        self.key, self.line = key, line


def _build(loader, node, pos: Positions, key: PathKey) -> Any:
    if isinstance(node, MappingNode):
        out: dict = {}
        for knode, vnode in node.value:
            if knode.tag == "tag:yaml.org,2002:merge":
                raise _Dup("<<", knode.start_mark.line + 1)
            k = loader.construct_object(knode, deep=True)
            if isinstance(k, (list, dict)):
                k = str(k)
            if k in out:
                raise _Dup(k, knode.start_mark.line + 1)
            pos.lines[key + (k,)] = knode.start_mark.line + 1
            out[k] = _build(loader, vnode, pos, key + (k,))
        return out
    if isinstance(node, SequenceNode):
        items = []
        for i, vnode in enumerate(node.value):
            pos.lines[key + (i,)] = vnode.start_mark.line + 1
            items.append(_build(loader, vnode, pos, key + (i,)))
        return items
    try:
        value = loader.construct_object(node, deep=True)
    except ValueError:  # a date that does not exist (2025-02-30): keep the text, the schema reports it with its line
        value = node.value
    if isinstance(value, _dt.datetime):
        return value
    return value


def load_yaml(path: str | Path, *, text: str | None = None) -> tuple[Any, Positions]:
    """Read a YAML (or JSON) file; return ``(data, positions)``.

    Raises
    ------
    InputError
        with ``file:line`` for unreadable files, syntax errors, duplicate keys and
        non-UTF-8 bytes.
    """
    shown = relpath(path)
    if text is None:
        try:
            raw = Path(path).read_bytes()
        except FileNotFoundError:
            raise InputError("file not found", location=Location(shown),
                             hint="check the path; it is relative to the current directory") from None
        except IsADirectoryError:
            raise InputError("is a directory, expected a file", location=Location(shown)) from None
        except OSError as e:
            raise InputError(f"cannot read file: {e.strerror}", location=Location(shown)) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            line = raw[: e.start].count(b"\n") + 1
            raise InputError("file is not valid UTF-8 text", location=Location(shown, line),
                             hint="save the file as UTF-8") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if _fast is not None:
        try:
            return _fast.loads(text), Positions(shown, text)
        except Exception:  # noqa: BLE001 - any parse problem: let the positional parser explain it
            pass
    pos = Positions(shown)
    return _parse_with_positions(text, pos), pos


def _parse_with_positions(text: str, pos: Positions) -> Any:
    shown = pos.path
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = _build(loader, node, pos, ()) if node is not None else None
    except _Dup as d:
        raise InputError(f"duplicate key {d.key!r}", location=Location(shown, d.line),
                         hint="each key may appear once in a mapping; remove or rename one") from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = e.problem or e.context or "YAML syntax error"
        raise InputError(f"YAML syntax error: {problem}",
                         location=Location(shown, mark.line + 1 if mark else None, mark.column + 1 if mark else None),
                         hint="check indentation, colons and quotes on this line") from None
    except yaml.YAMLError as e:
        raise InputError(f"YAML error: {e}", location=Location(shown)) from None
    finally:
        loader.dispose()
    if _fast is not None:  # PyYAML accepted what yaml_rs refused: report yaml_rs's reason
        try:
            _fast.loads(text)
        except Exception as e:  # noqa: BLE001
            msg = str(e).splitlines()
            m = re.search(r"line (\d+)", msg[0]) if msg else None
            raise InputError(f"YAML error: {msg[-1].strip() if msg else e}",
                             location=Location(shown, int(m.group(1)) if m else None),
                             hint="check the YAML syntax on this line") from None
    return data


def load_answers_file(path: str | Path) -> tuple[Any, Positions]:
    """Read an answers file, YAML or JSON (JSON is valid YAML 1.2; JSON errors keep lines)."""
    p = Path(path)
    if p.suffix.lower() == ".json":
        shown = relpath(p)
        try:
            text = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError("file not found", location=Location(shown)) from None
        except UnicodeDecodeError:
            raise InputError("file is not valid UTF-8 text", location=Location(shown)) from None
        try:
            json.loads(text)
        except json.JSONDecodeError as e:
            raise InputError(f"JSON syntax error: {e.msg}", location=Location(shown, e.lineno, e.colno)) from None
        return load_yaml(p, text=text)
    return load_yaml(p)


def dump_yaml(data: Any) -> str:
    """Dump plain data as block-style YAML, keeping key order and Unicode."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
