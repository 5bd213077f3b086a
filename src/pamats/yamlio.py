"""This file defines line-aware YAML reading for user files: one parser, one meaning.

Every user file (landscapes, answers, draft instruments, agreements) is read through
:func:`load_yaml`. The meaning of a file comes from one parser only, ``yaml_rs`` (Rust,
pinned in pyproject.toml), read as YAML 1.2 with the core schema and no implicit dates
(``parse_datetime=False``: a date is a string that pydantic validates). The dialect is
written down in docs/yaml.md. PyYAML's libyaml binding is used for lines only: it composes
the node tree (never values) when an error needs a ``file:line``, and scans for the few
constructs the dialect refuses (tags, ``<<`` merge keys, several documents) when the text
contains their marks. Duplicate keys and alias bombs (anchors that expand past
:data:`ALIAS_EVENTS_MAX` nodes) are refused with ``file:line``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
import yaml_rs
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingStartEvent,
    ScalarEvent,
)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .errors import InputError, Location, relpath

__all__ = ["ALIAS_EVENTS_MAX", "Positions", "load_yaml", "load_answers_file", "dump_yaml", "read_scalar"]

PathKey = tuple[Any, ...]
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster

#: Most nodes that aliases (``*name``) may replay in one file; more is an alias bomb.
ALIAS_EVENTS_MAX = 100_000
_LIMITS = yaml_rs.AliasLimits(max_total_replayed_events=ALIAS_EVENTS_MAX, max_replay_stack_depth=32)
_MARKS = re.compile(r"(?:^|[\s\[{,])(?:!|<<[ \t]*:)|^(?:---|\.\.\.)(?:[ \t]|$)", re.M)
_AT = re.compile(r"at line (\d+), column (\d+)")


def _parse(text: str) -> Any:
    return yaml_rs.loads(
        text, parse_datetime=False, alias_limits=_LIMITS, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error
    )


def read_scalar(text: str) -> Any:
    """The value of one plain (unquoted) scalar in this dialect, e.g. ``"010"`` -> ``10``."""
    return _parse(text)


class Positions:
    """Maps a path inside a loaded document (tuple of keys and indexes) to its line.

    Built lazily, on the first look-up, by walking PyYAML's node tree beside the data. Only
    the text is kept until then, not the data read from it (a landscape's data is large and
    only a file with an error is ever looked up): the look-up reads the text again.
    """

    def __init__(self, path: str, text: str | None = None):
        self.path = path
        self.lines: dict[PathKey, int] = {}
        self._text = text

    def line(self, key: PathKey) -> int | None:
        """Line of ``key``, or of its nearest ancestor that has one."""
        if self._text is not None:
            text, self._text = self._text, None
            node = _compose(text)
            if node is not None:
                _walk(node, _parse(text), self.lines, ())
        key = tuple(key)
        while True:
            if key in self.lines:
                return self.lines[key]
            if not key:
                return None
            key = key[:-1]

    def at(self, key: PathKey) -> Location:
        return Location(self.path, self.line(key))


def _compose(text: str) -> Any:
    """PyYAML's node tree of ``text`` (structure and lines only), or None if it cannot."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _walk(node: Any, data: Any, lines: dict[PathKey, int], key: PathKey) -> None:
    if isinstance(node, MappingNode) and isinstance(data, dict) and len(node.value) == len(data):
        for (knode, vnode), (k, v) in zip(node.value, data.items()):
            lines[key + (k,)] = knode.start_mark.line + 1
            _walk(vnode, v, lines, key + (k,))
    elif isinstance(node, SequenceNode) and isinstance(data, list) and len(node.value) == len(data):
        for i, (vnode, v) in enumerate(zip(node.value, data)):
            lines[key + (i,)] = vnode.start_mark.line + 1
            _walk(vnode, v, lines, key + (i,))


def _key_of(node: Any) -> Any:
    if isinstance(node, ScalarNode):
        if node.style:  # quoted or block scalar: a string as written
            return node.value
        try:
            return read_scalar(node.value)
        except yaml_rs.YAMLDecodeError:
            return node.value
    return repr(node)


def _duplicate_line(node: Any, seen: set[int]) -> tuple[Any, int] | None:
    if id(node) in seen:
        return None
    seen.add(id(node))
    if isinstance(node, MappingNode):
        keys: set = set()
        for knode, vnode in node.value:
            k = _key_of(knode)
            if k in keys:
                return k, knode.start_mark.line + 1
            keys.add(k)
            found = _duplicate_line(vnode, seen)
            if found:
                return found
    elif isinstance(node, SequenceNode):
        for vnode in node.value:
            found = _duplicate_line(vnode, seen)
            if found:
                return found
    return None


def _refuse_outside_dialect(text: str, shown: str) -> None:
    """Tags, merge keys and several documents are not part of the dialect (see docs/yaml.md).

    Runs only when the text holds one of their marks (``!``, ``<<``, ``---``/``...``).
    """
    if not ("!" in text or "<<" in text or "---" in text or "..." in text) or not _MARKS.search(text):
        return  # substring tests first: ~100x cheaper than the regex on a large file
    loader = _Loader(text)
    docs = 0
    open_: list[list] = []  # per open collection: [is a mapping, nodes seen so far]
    try:
        while loader.check_event():
            ev = loader.get_event()
            line = ev.start_mark.line + 1
            if isinstance(ev, DocumentStartEvent):
                docs += 1
                if docs > 1:
                    raise InputError(
                        "a second YAML document ('---') in one file",
                        location=Location(shown, line),
                        hint="one document per file: split it into two files",
                    )
                continue
            if isinstance(ev, CollectionEndEvent):
                open_.pop()
                continue
            if not isinstance(ev, (ScalarEvent, AliasEvent, CollectionStartEvent)):
                continue
            is_key = bool(open_) and open_[-1][0] and open_[-1][1] % 2 == 0
            if open_:
                open_[-1][1] += 1
            tag = getattr(ev, "tag", None)
            if tag is not None and not (isinstance(ev, ScalarEvent) and any(ev.implicit)):
                tag = tag.replace("tag:yaml.org,2002:", "!!")
                raise InputError(
                    f"YAML tag {tag!r} is not used in pamats files",
                    location=Location(shown, line),
                    hint="remove the tag; write the value plainly (quote it to make it text)",
                )
            if is_key and isinstance(ev, ScalarEvent) and ev.value == "<<" and not ev.style:
                raise InputError(
                    "merge key '<<' is not part of YAML 1.2",
                    location=Location(shown, line),
                    hint="write the keys out (anchors and aliases, &name / *name, still work)",
                )
            if isinstance(ev, CollectionStartEvent):
                open_.append([isinstance(ev, MappingStartEvent), 0])
    except yaml.YAMLError:
        return  # not PyYAML-readable: yaml_rs gives the verdict and the error
    finally:
        loader.dispose()


def _first_alias_line(text: str) -> int | None:
    loader = _Loader(text)
    try:
        while loader.check_event():
            ev = loader.get_event()
            if isinstance(ev, AliasEvent):
                return ev.start_mark.line + 1
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _explain(err: Exception, text: str, shown: str) -> InputError:
    """A yaml_rs refusal as an InputError with ``file:line``."""
    msg = [m for m in str(err).splitlines() if m.strip()]
    first, last = (msg[0], msg[-1].strip()) if msg else ("", str(err))
    if "alias replay limit" in first or "replay stack" in first:
        return InputError(
            f"anchors and aliases (&name / *name) expand to more than {ALIAS_EVENTS_MAX:,} nodes (an 'alias bomb')",
            location=Location(shown, _first_alias_line(text)),
            hint="write the repeated data out, or reuse it less deeply",
        )
    if first.startswith("duplicate mapping key"):
        node = _compose(text)
        found = _duplicate_line(node, set()) if node is not None else None
        key, line = found if found else (first.split(":", 1)[-1].strip(), None)
        return InputError(
            f"duplicate key {key!r}",
            location=Location(shown, line),
            hint="each key may appear once in a mapping; remove or rename one",
        )
    m = _AT.search(first)
    if m:
        return InputError(
            f"YAML syntax error: {last}",
            location=Location(shown, int(m.group(1)), int(m.group(2))),
            hint="check indentation, colons and quotes on this line",
        )
    return InputError(f"YAML error: {last}", location=Location(shown), hint="check the YAML syntax")


def load_yaml(path: str | Path, *, text: str | None = None) -> tuple[Any, Positions]:
    """Read a YAML (or JSON) file; return ``(data, positions)``.

    Raises
    ------
    InputError
        with ``file:line`` for unreadable files, syntax errors, duplicate keys, alias bombs,
        constructs outside the dialect and non-UTF-8 bytes.
    """
    shown = relpath(path)
    if text is None:
        try:
            raw = Path(path).read_bytes()
        except FileNotFoundError:
            raise InputError(
                "file not found",
                location=Location(shown),
                hint="check the path; it is relative to the current directory",
            ) from None
        except IsADirectoryError:
            raise InputError("is a directory, expected a file", location=Location(shown)) from None
        except OSError as e:
            raise InputError(f"cannot read file: {e.strerror}", location=Location(shown)) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            line = raw[: e.start].count(b"\n") + 1
            raise InputError(
                "file is not valid UTF-8 text", location=Location(shown, line), hint="save the file as UTF-8"
            ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    _refuse_outside_dialect(text, shown)
    try:
        data = _parse(text)
    except (yaml_rs.YAMLDecodeError, ValueError, OverflowError, RecursionError) as e:
        raise _explain(e, text, shown) from None
    return data, Positions(shown, text)


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


class _Dumper(yaml.SafeDumper):
    """PyYAML's emitter, quoting every string this dialect would not read back as itself."""

    def resolve(self, kind, value, implicit):  # noqa: ANN001, ANN201 - PyYAML's signature
        tag = super().resolve(kind, value, implicit)
        if kind is ScalarNode and implicit[0] and tag == _STR and value and not _reads_as_itself(value):
            return "tag:pamats,2026:quote"
        return tag


_STR = "tag:yaml.org,2002:str"
_BREAKS_1_1 = re.compile("[\x85\u2028\u2029]")  # line breaks in YAML 1.1 only: escape them


def _represent_str(dumper: yaml.SafeDumper, value: str) -> Any:
    style = '"' if _BREAKS_1_1.search(value) else None
    return dumper.represent_scalar(_STR, value, style=style)


_Dumper.add_representer(str, _represent_str)


def _reads_as_itself(value: str) -> bool:
    try:
        return read_scalar(value) == value
    except (yaml_rs.YAMLDecodeError, ValueError, OverflowError):
        return False


def dump_yaml(data: Any) -> str:
    """Dump plain data as block-style YAML, keeping key order and Unicode.

    :func:`load_yaml` reads the text back as ``data`` (strings that would read as numbers,
    booleans or null in this dialect are quoted).
    """
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
