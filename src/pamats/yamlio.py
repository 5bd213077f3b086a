"""This file defines line-aware YAML reading for user files.

Every user file (landscapes, answers, draft instruments) is read through :func:`load_yaml`,
which keeps the line of every mapping key and sequence item so that schema errors can say
``file:line``. Duplicate keys are errors. Values are plain Python (dict, list, str, int,
float, bool, None, date); positions are kept in a side table, :class:`Positions`.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .errors import InputError, Location, relpath

__all__ = ["Positions", "load_yaml", "load_answers_file", "dump_yaml"]

PathKey = tuple[Any, ...]


class Positions:
    """Maps a path inside a loaded document (tuple of keys and indexes) to its line."""

    def __init__(self, path: str):
        self.path = path
        self.lines: dict[PathKey, int] = {}

    def line(self, key: PathKey) -> int | None:
        """Line of ``key``, or of its nearest ancestor that has one."""
        key = tuple(key)
        while True:
            if key in self.lines:
                return self.lines[key]
            if not key:
                return None
            key = key[:-1]

    def at(self, key: PathKey) -> Location:
        return Location(self.path, self.line(key))


def _plain(node: Any, pos: Positions, key: PathKey) -> Any:
    if isinstance(node, CommentedMap):
        out = {}
        for k, v in node.items():
            try:
                line, _col = node.lc.key(k)
                pos.lines[key + (k,)] = line + 1
            except (KeyError, TypeError, AttributeError):
                pass
            out[k] = _plain(v, pos, key + (k,))
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for i, v in enumerate(node):
            try:
                line, _col = node.lc.item(i)
                pos.lines[key + (i,)] = line + 1
            except (KeyError, TypeError, AttributeError, IndexError):
                pass
            out_list.append(_plain(v, pos, key + (i,)))
        return out_list
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, _dt.datetime):
        return node
    if isinstance(node, _dt.date):
        return _dt.date(node.year, node.month, node.day)
    return node


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
    pos = Positions(shown)
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        node = yaml.load(text)
    except DuplicateKeyError as e:
        mark = e.problem_mark
        key = (e.problem or "").split("duplicate key")[-1].strip().strip('"')
        raise InputError(f"duplicate key {key}".strip(), location=Location(shown, mark.line + 1 if mark else None),
                         hint="each key may appear once in a mapping; remove or rename one") from None
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = e.problem or e.context or "YAML syntax error"
        raise InputError(f"YAML syntax error: {problem}",
                         location=Location(shown, mark.line + 1 if mark else None, mark.column + 1 if mark else None),
                         hint="check indentation, colons and quotes on this line") from None
    except YAMLError as e:
        raise InputError(f"YAML error: {e}", location=Location(shown)) from None
    return _plain(node, pos, ()), pos


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
    import io

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[attr-defined]
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()
