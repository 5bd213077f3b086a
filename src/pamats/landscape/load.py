"""This file defines loading a landscape folder into validated, cross-checked objects.

:func:`load_landscape` reads every ``*.yaml`` file of the given folders (sorted; sub-folders
are not read), validates each against the closed schema in :mod:`pamats.landscape.model`,
merges them, resolves every reference and reports *all* problems at once as an
:class:`~pamats.errors.ErrorList` with ``file:line``, what is wrong and what is allowed.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import ErrorList, InputError, Location, relpath
from ..yamlio import Positions, load_yaml
from .jurisdiction import resolve_jurisdiction
from .jurisdiction_load import LOCAL_NAME, local_jurisdiction_files, text_errors
from .model import Actor, Flow, Instrument, Jurisdiction, LandscapeFile, LandscapeMeta, Status, Term

__all__ = ["Landscape", "Origin", "load_landscape"]


class Origin:
    """Where an object was defined: a key path in a file (resolved to a line only when asked)."""

    __slots__ = ("_pos", "_key", "draft")

    def __init__(self, pos: Positions, key: tuple, draft: bool = False):
        self._pos, self._key, self.draft = pos, key, draft

    @property
    def location(self) -> Location:
        return self._pos.at(self._key)

    @property
    def lazy(self) -> _LazyLocation:
        return _LazyLocation(self)


class _LazyLocation:
    """A :class:`Location` resolved on first use (looking up a line may re-parse the file)."""

    __slots__ = ("_origin", "_loc")

    def __init__(self, origin: Origin):
        self._origin, self._loc = origin, None

    def _get(self) -> Location:
        if self._loc is None:
            self._loc = self._origin.location
        return self._loc

    path = property(lambda self: self._get().path)
    line = property(lambda self: self._get().line)
    column = property(lambda self: self._get().column)

    def __str__(self) -> str:
        return str(self._get())


@dataclass
class Landscape:
    """A validated landscape: objects by id, vocabularies, jurisdiction and origins."""

    meta: LandscapeMeta
    jurisdiction: Jurisdiction
    actors: dict[str, Actor] = field(default_factory=dict)
    instruments: dict[str, Instrument] = field(default_factory=dict)
    flows: dict[str, Flow] = field(default_factory=dict)
    categories: dict[str, Term] = field(default_factory=dict)
    purposes: dict[str, Term] = field(default_factory=dict)
    subjects: dict[str, Term] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    drafts: list[str] = field(default_factory=list)
    adopted: set[str] = field(default_factory=set)  # ids of draft instruments treated as adopted

    @property
    def ranks(self):
        """Rank definitions by kind id (built once)."""
        r = self.__dict__.get("_ranks")
        if r is None:
            r = self.__dict__["_ranks"] = {r.id: r for r in self.jurisdiction.ranks}
        return r


def _loc_key(loc: tuple) -> tuple:
    return tuple(x for x in loc if not (isinstance(x, str) and x.startswith("function-")))


_UNKNOWN_KEY = ("extra_forbidden", "unexpected_keyword_argument")  # (a model's, a dataclass's)


def _fields(cls) -> dict:
    """The fields of a model or of a pydantic dataclass (e.g. :class:`Flow`), by name."""
    return getattr(cls, "model_fields", None) or getattr(cls, "__pydantic_fields__", None) or {}


def _describe(err: dict, model_hint: str | None = None) -> tuple[str, str | None]:
    typ = err.get("type", "")
    loc = err.get("loc", ())
    name = ".".join(str(x) for x in loc)
    if typ in _UNKNOWN_KEY:
        return f"unknown key {loc[-1]!r}", None
    if typ == "missing":
        return f"missing required key {loc[-1]!r}", None
    if typ == "enum":
        expected = (err.get("ctx") or {}).get("expected", "")
        return f"{name}: {err.get('input')!r} is not allowed", f"allowed values: {expected}"
    if typ == "string_pattern_mismatch":
        return (
            f"{name}: {err.get('input')!r} is not a valid identifier",
            "use lower-case letters, digits, '_', '.', '-' (and 'role:<role>', 'kind:<actor kind>' or 'any' for senders/recipients)",
        )
    if typ in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"{name}: {err.get('input')!r} is not a date", "write dates as YYYY-MM-DD"
    msg = err.get("msg", "invalid value")
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return f"{name}: {msg}", None


def _allowed_keys(model_cls, loc: tuple) -> list[str]:
    """The keys allowed at the mapping that holds ``loc[-1]``, walking the model."""
    from typing import get_args, get_origin

    cls = model_cls
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        f = _fields(cls).get(part)
        if f is None:
            return []
        ann = f.annotation
        for _ in range(3):
            args = [a for a in get_args(ann) if a is not type(None)]
            if _fields(ann):
                break
            if get_origin(ann) in (list, tuple) or args:
                ann = args[0] if args else ann
        if not _fields(ann):
            return []
        cls = ann
    return sorted(_fields(cls))


def _errors_from_validation(e: ValidationError, pos: Positions, model_cls=LandscapeFile) -> list[InputError]:
    out = []
    for err in e.errors():
        loc = _loc_key(tuple(err.get("loc", ())))
        message, hint = _describe(dict(err, loc=loc))
        if err.get("type") in _UNKNOWN_KEY:
            allowed = _allowed_keys(model_cls, loc)
            if allowed:
                near = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
                hint = (f"did you mean {near[0]!r}? " if near else "") + f"allowed keys: {', '.join(allowed)}"
        out.append(InputError(message, location=pos.at(loc), hint=hint))
    return out


def _files(paths: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(
                x for x in p.iterdir() if x.suffix in (".yaml", ".yml") and x.is_file() and x.name != LOCAL_NAME
            )
            if not found:
                raise InputError(
                    "no landscape files (*.yaml) in this folder",
                    location=Location(relpath(p)),
                    hint="a landscape folder holds landscape.yaml, actors.yaml, instruments*.yaml, flows.yaml",
                )
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise InputError("no such file or folder", location=Location(relpath(p)))
    return files


class _Collector:
    def __init__(self) -> None:
        self.errors: list[InputError] = []
        self.metas: list[tuple[LandscapeMeta, Location]] = []
        self.parts: list[tuple[LandscapeFile, Positions, bool]] = []

    def add_doc(self, data: Any, pos: Positions, draft: bool) -> None:
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.errors.append(
                InputError(
                    "a landscape file must be a mapping of keys (landscape, actors, instruments, flows, …)",
                    location=Location(pos.path, 1),
                    hint="start the file with e.g. 'actors:' followed by a list",
                )
            )
            return
        try:
            part = LandscapeFile.model_validate(data)
        except ValidationError as e:
            self.errors.extend(_errors_from_validation(e, pos))
            return
        self.parts.append((part, pos, draft))
        if part.landscape:
            self.metas.append((part.landscape, pos.at(("landscape",))))


def _cycles(edges, order: Sequence[str]) -> list[tuple[str, list[str]]]:
    """One cycle per strongly connected component of the directed graph ``edges`` that has one:
    ``(the member written first in the files, the cycle from it and back to it)``, in file order."""
    import networkx as nx

    pos = {k: i for i, k in enumerate(order)}
    g = nx.DiGraph(edges)
    out = []
    for comp in nx.strongly_connected_components(g):
        first = min(comp, key=pos.__getitem__)
        if len(comp) == 1 and not g.has_edge(first, first):
            continue
        cyc = [u for u, _v in nx.find_cycle(g.subgraph(comp), source=first)]
        out.append((first, [*cyc, cyc[0]]))
    return sorted(out, key=lambda c: pos[c[0]])


def load_landscape(
    paths: Sequence[str | Path],
    *,
    extra: Sequence[tuple[dict, str]] = (),
    drafts: Sequence[str | Path] = (),
    draft_data: Sequence[tuple[dict, str]] = (),
    as_of: dt.date | None = None,
) -> Landscape:
    """Load, validate and cross-check a landscape.

    Parameters
    ----------
    paths : folders (every ``*.yaml`` directly inside, sorted) or files.
    extra : ``(data, origin)`` pairs shaped like one landscape file (e.g. agreements from the
        registry); ``origin`` labels them in messages.
    drafts : files of draft instruments to treat as adopted (what-if): status ``draft``
        becomes ``in_force`` and a missing ``valid_from`` becomes ``as_of``.
    draft_data : ``(data, origin)`` pairs treated like ``drafts`` (e.g. drafted instruments
        from :func:`pamats.drafting.to_landscape.instrument_to_landscape`).

    Raises
    ------
    ErrorList
        every problem found, each with file:line.
    """
    return _load(paths, extra, drafts, draft_data, as_of)


def _load(paths, extra, drafts, draft_data, as_of) -> Landscape:
    col = _Collector()
    for f in _files(paths):
        try:
            data, pos = load_yaml(f)
        except InputError as e:
            col.errors.append(e)
            continue
        col.add_doc(data, pos, draft=False)
    for data, origin in extra:
        pos = Positions(origin)
        col.add_doc(data, pos, draft=False)
    draft_files = _files(drafts) if drafts else []
    for f in draft_files:
        try:
            data, pos = load_yaml(f)
        except InputError as e:
            col.errors.append(e)
            continue
        col.add_doc(data, pos, draft=True)
    for data, origin in draft_data:
        col.add_doc(data, Positions(origin), draft=True)
    if col.errors:
        raise ErrorList(errors=col.errors)
    local = local_jurisdiction_files(paths)
    return _assemble(col, [relpath(f) for f in draft_files] + [o for _, o in draft_data], as_of, local)


def _assemble(col: _Collector, draft_names: list[str], as_of: dt.date | None, local: list[Path]) -> Landscape:
    errors = col.errors
    if not col.metas:
        first = col.parts[0][1].path if col.parts else "<landscape>"
        raise ErrorList(
            errors=[
                InputError(
                    "no 'landscape:' metadata found",
                    location=Location(first),
                    hint="add a file landscape.yaml with 'landscape: {id: ..., title: {lv: ...}, jurisdiction: lv}'",
                )
            ]
        )
    if len(col.metas) > 1:
        (_, l1), (_, l2) = col.metas[0], col.metas[1]
        errors.append(
            InputError(
                f"second 'landscape:' metadata (first at {l1})",
                location=l2,
                hint="keep one landscape.yaml per landscape",
            )
        )
    meta, meta_loc = col.metas[0]
    try:
        jur = resolve_jurisdiction(meta, meta_loc, local)
    except ErrorList as e:
        raise ErrorList(errors=errors + e.errors) from None
    except InputError as e:
        raise ErrorList(errors=errors + [e]) from None
    errors += text_errors(col.parts, jur)
    ls = Landscape(meta=meta, jurisdiction=jur, drafts=draft_names)
    for kind in ("categories", "purposes", "subjects"):
        for t in getattr(jur, kind):
            getattr(ls, kind)[t.id] = t
            ls.origins[(kind, t.id)] = Origin(Positions(f"jurisdiction {jur.id}"), ())

    for part, pos, draft in col.parts:
        for kind in ("categories", "purposes", "subjects", "actors", "instruments", "flows"):
            for i, obj in enumerate(getattr(part, kind)):
                table = getattr(ls, kind)
                if obj.id in table:
                    loc = pos.at((kind, i, "id"))
                    prev = ls.origins[(kind, obj.id)].location
                    errors.append(
                        InputError(
                            f"duplicate {kind[:-1] if kind != 'categories' else 'category'} id {obj.id!r} (first defined at {prev})",
                            location=loc,
                            hint="ids must be unique across all files of a landscape",
                        )
                    )
                    continue
                if draft and kind == "instruments":
                    obj = _adopt(obj, as_of)
                    ls.adopted.add(obj.id)
                table[obj.id] = obj
                ls.origins[(kind, obj.id)] = Origin(pos, (kind, i, "id"), draft)
                if kind == "instruments":
                    for j, prov in enumerate(obj.provisions):
                        ls.origins[("provisions", f"{obj.id}#{prov.id}")] = Origin(
                            pos, (kind, i, "provisions", j, "id")
                        )
                        for k, _perm in enumerate(prov.authorises):
                            ls.origins[("permissions", f"{obj.id}#{prov.id}#{k}")] = Origin(
                                pos, (kind, i, "provisions", j, "authorises", k)
                            )
                    for k, _e in enumerate(obj.empowered_by):
                        ls.origins[("empowered_by", f"{obj.id}#{k}")] = Origin(pos, (kind, i, "empowered_by", k))
    _check_refs(ls, col, errors)
    if errors:
        errors.sort(
            key=lambda e: (str(e.location.path) if e.location else "", (e.location.line or 0) if e.location else 0)
        )
        raise ErrorList(errors=errors)
    return ls


def _adopt(ins: Instrument, as_of: dt.date | None) -> Instrument:
    upd: dict[str, Any] = {}
    if ins.status == Status.draft:
        upd["status"] = Status.in_force
    if ins.valid_from is None:
        upd["valid_from"] = as_of or dt.date.today()
    return ins.model_copy(update=upd) if upd else ins


def _unknown(what: str, value: str, known, loc: Location) -> InputError:
    near = difflib.get_close_matches(value, list(known), n=3)
    hint = (
        f"did you mean {', '.join(repr(n) for n in near)}?"
        if near
        else f"define {what} {value!r} first, or fix the spelling"
    )
    return InputError(f"unknown {what} {value!r}", location=loc, hint=hint)


def _check_refs(ls: Landscape, col: _Collector, errors: list[InputError]) -> None:
    roles = {r.id for r in ls.jurisdiction.roles}
    ranks = ls.ranks

    def loc(kind: str, oid: str) -> Location:
        return ls.origins[(kind, oid)].lazy  # resolved lazily: only errors need lines

    for kind in ("categories", "purposes", "subjects"):
        table = getattr(ls, kind)
        for t in table.values():
            if t.parent and t.parent not in table:
                errors.append(
                    _unknown(
                        f"parent {kind[:-1] if kind != 'categories' else 'category'}", t.parent, table, loc(kind, t.id)
                    )
                )

    for a in ls.actors.values():
        for role in a.roles:
            if role not in roles:
                errors.append(
                    InputError(
                        f"role {role!r} is not allowed in jurisdiction {ls.jurisdiction.id}",
                        location=loc("actors", a.id),
                        hint=f"roles: {', '.join(sorted(roles)) or '(none)'}",
                    )
                )
        for ref in (a.subordinate_to, a.supervised_by):
            if ref and ref not in ls.actors:
                errors.append(_unknown("actor", ref, ls.actors, loc("actors", a.id)))
    for aid, _cyc in _cycles(
        [(a.id, a.subordinate_to) for a in ls.actors.values() if a.subordinate_to and a.subordinate_to in ls.actors],
        list(ls.actors),
    ):
        errors.append(
            InputError(
                f"subordination cycle through actor {aid!r}",
                location=loc("actors", aid),
                hint="subordinate_to must form a tree (no actor above itself)",
            )
        )

    kinds = sorted({a.kind for a in ls.actors.values()})

    def check_ref(ref: str, where: Location) -> None:
        if ref == "any":
            return
        if ref.startswith("kind:"):
            if ref[5:] not in kinds:
                near = difflib.get_close_matches(ref[5:], kinds, n=1)
                errors.append(
                    InputError(
                        f"no actor of kind {ref[5:]!r} (in {ref!r})",
                        location=where,
                        hint=(f"did you mean 'kind:{near[0]}'? " if near else "")
                        + f"kinds of the landscape's actors: {', '.join(kinds)}",
                    )
                )
            return
        if ref.startswith("role:"):
            if ref[5:] not in roles:
                errors.append(
                    InputError(f"unknown role {ref[5:]!r}", location=where, hint=f"roles: {', '.join(sorted(roles))}")
                )
            return
        if ref not in ls.actors:
            errors.append(_unknown("actor", ref, ls.actors, where))

    def check_vocab(kind: str, ids: list[str], where: Location) -> None:
        table = getattr(ls, kind)
        for v in ids:
            if v not in table:
                errors.append(
                    _unknown(
                        {"categories": "data category", "purposes": "purpose", "subjects": "data subject"}[kind],
                        v,
                        table,
                        where,
                    )
                )

    conditions = [c.id for c in ls.jurisdiction.conditions]

    def check_conditions(ids: list[str], where: Location) -> None:
        for c in ids:
            if c not in conditions:
                near = difflib.get_close_matches(c, conditions, n=1)
                errors.append(
                    InputError(
                        f"unknown condition {c!r}",
                        location=where,
                        hint=(f"did you mean {near[0]!r}? " if near else "")
                        + f"conditions of jurisdiction {ls.jurisdiction.id}: {', '.join(conditions) or 'none'}",
                    )
                )

    for ins in ls.instruments.values():
        iloc = loc("instruments", ins.id)
        if ins.kind not in ranks:
            errors.append(
                InputError(
                    f"unknown instrument kind {ins.kind!r}",
                    location=iloc,
                    hint=f"kinds in jurisdiction {ls.jurisdiction.id}: {', '.join(ranks)}",
                )
            )
            continue
        rank = ranks[ins.kind]
        if ins.issuer and ins.issuer not in ls.actors:
            errors.append(_unknown("actor", ins.issuer, ls.actors, iloc))
        if rank.binds == "subordinates_of_issuer" and not ins.issuer:
            errors.append(
                InputError(
                    f"instrument {ins.id!r} of kind {ins.kind} needs an 'issuer'",
                    location=iloc,
                    hint="an internal act binds only institutions subordinate to its issuer",
                )
            )
        if rank.binds == "parties" and len(ins.parties) < 2:
            errors.append(InputError(f"agreement {ins.id!r} needs at least two 'parties'", location=iloc))
        for p in ins.parties:
            if p not in ls.actors:
                errors.append(_unknown("actor", p, ls.actors, iloc))
        seen_prov: set[str] = set()
        for prov in ins.provisions:
            ploc = loc("provisions", f"{ins.id}#{prov.id}")
            if prov.id in seen_prov:
                errors.append(InputError(f"duplicate provision id {prov.id!r} in instrument {ins.id!r}", location=ploc))
            seen_prov.add(prov.id)
            for k in prov.empowers:
                if k not in ranks:
                    errors.append(
                        InputError(
                            f"unknown instrument kind {k!r} in 'empowers'",
                            location=ploc,
                            hint=f"kinds: {', '.join(ranks)}",
                        )
                    )
            check_vocab("purposes", prov.topics, ploc)
            if prov.responsible is not None:
                if prov.responsible.actor not in ls.actors:
                    errors.append(_unknown("actor", prov.responsible.actor, ls.actors, ploc))
                b = prov.responsible.basis
                target = ls.instruments.get(b.instrument)
                if target is None:
                    errors.append(_unknown("instrument", b.instrument, ls.instruments, ploc))
                elif b.provision not in {p.id for p in target.provisions}:
                    errors.append(
                        _unknown(f"provision of {b.instrument!r}", b.provision, [p.id for p in target.provisions], ploc)
                    )
            for k, perm in enumerate(prov.authorises):
                wl = loc("permissions", f"{ins.id}#{prov.id}#{k}")
                check_ref(perm.sender, wl)
                check_ref(perm.recipient, wl)
                check_vocab("categories", perm.categories, wl)
                check_vocab("purposes", perm.purposes, wl)
                check_vocab("subjects", perm.subjects, wl)
                check_conditions(perm.conditions, wl)
        for k, emp in enumerate(ins.empowered_by):
            eloc = loc("empowered_by", f"{ins.id}#{k}")
            target = ls.instruments.get(emp.instrument)
            if target is None:
                errors.append(_unknown("instrument", emp.instrument, ls.instruments, eloc))
            elif emp.provision not in {p.id for p in target.provisions}:
                errors.append(
                    _unknown(f"provision of {emp.instrument!r}", emp.provision, [p.id for p in target.provisions], eloc)
                )
    # cycles in empowering chains and in subordination (networkx: no recursion, any length)
    for iid, cyc in _cycles(
        [
            (i.id, e.instrument)
            for i in ls.instruments.values()
            for e in i.empowered_by
            if e.instrument in ls.instruments
        ],
        list(ls.instruments),
    ):
        errors.append(
            InputError(
                f"cycle in empowering chain: {' -> '.join(cyc)}",
                location=loc("instruments", iid),
                hint="an instrument cannot be issued, directly or through others, under itself",
            )
        )

    for fl in ls.flows.values():
        floc = loc("flows", fl.id)
        for ref in (fl.sender, fl.recipient):
            if ref not in ls.actors:
                errors.append(_unknown("actor", ref, ls.actors, floc))
        if fl.sender == fl.recipient:
            errors.append(InputError(f"flow {fl.id!r} has the same sender and recipient", location=floc))
        check_vocab("categories", fl.categories, floc)
        check_vocab("purposes", [fl.purpose], floc)
        check_vocab("subjects", fl.subjects, floc)
        check_conditions(fl.conditions, floc)
