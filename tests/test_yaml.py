"""One meaning for every YAML file (docs/yaml.md): the dialect, its refusals, alias bombs, and
every YAML file in the repository read the way it is meant."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pamats.errors import InputError
from pamats.yamlio import ALIAS_EVENTS_MAX, dump_yaml, load_yaml

REPO = Path(__file__).resolve().parent.parent


def one(value_text: str):
    return load_yaml("x.yaml", text=f"k: {value_text}\n")[0]["k"]


# --- the dialect: YAML 1.2 core schema, dates are strings -------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ('"2005-12-15"', "2005-12-15"),
        ("'2005-12-15'", "2005-12-15"),
        ("2005-12-15", "2005-12-15"),
        ("2005-12-15T10:00:00Z", "2005-12-15T10:00:00Z"),
        ("010", 10),
        ("0o10", 8),
        ("0x1F", 31),
        ("1:30", "1:30"),
        ("12:30:00", "12:30:00"),
        ("yes", "yes"),
        ("on", "on"),
        ("No", "No"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("1e3", 1000.0),
        (".inf", math.inf),
        ("1_000", 1000),
        ('"1_000"', "1_000"),
        ("'010'", "010"),
    ],
)
def test_scalars_mean_what_docs_yaml_says(text, value):
    got = one(text)
    assert got == value and type(got) is type(value)


NULL = re.compile(r"null|Null|NULL|~")
BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
INT10 = re.compile(r"[-+]?[0-9]+")
INT_BASE = [
    (re.compile(r"[-+]?0[xX][0-9a-fA-F]+"), 16),
    (re.compile(r"[-+]?0[oO][0-7]+"), 8),
    (re.compile(r"[-+]?0[bB][01]+"), 2),
]
FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
NAN = re.compile(r"\.(nan|NaN|NAN)")


def oracle(t: str):
    """The value of a plain scalar, as docs/yaml.md describes the dialect."""
    if "_" in t:  # underscores are dropped from a token that is then a number
        s = t.replace("_", "")
        if (
            s
            and oracle(s) != s
            and isinstance(oracle(s), (int, float))
            and not isinstance(oracle(s), bool)
            and not INF.fullmatch(s)
            and not NAN.fullmatch(s)
        ):
            return oracle(s)
    if NULL.fullmatch(t):
        return None
    if t in BOOL:
        return BOOL[t]
    if INT10.fullmatch(t):
        return int(t)
    for rx, base in INT_BASE:
        if rx.fullmatch(t):
            sign = -1 if t[0] == "-" else 1
            return sign * int(t.lstrip("+-")[2:], base)
    if FLOAT.fullmatch(t):
        return float(t)
    if INF.fullmatch(t):
        return -math.inf if t[0] == "-" else math.inf
    if NAN.fullmatch(t):
        return "nan"
    return t


TOKENS = st.one_of(
    st.from_regex(r"\A[-+]?(0[xXoObB])?[0-9a-fA-F_]{0,4}(\.[0-9_]{0,3})?([eE][-+]?[0-9]{1,2})?\Z"),
    st.sampled_from(
        [
            "null",
            "Null",
            "NULL",
            "~",
            "true",
            "True",
            "TRUE",
            "false",
            "FALSE",
            "yes",
            "No",
            "on",
            "OFF",
            "y",
            "n",
            ".inf",
            "-.Inf",
            "+.INF",
            ".nan",
            ".NaN",
            "nan",
            "inf",
            "2005-12-15",
            "1:30",
        ]
    ),
    st.text(alphabet="0123456789+-._eExXoObB:aflsnrtuTFNLIi~", min_size=1, max_size=8),
).filter(lambda t: t and not t.endswith(":") and t[0] not in ":-" and "#" not in t)


@settings(max_examples=400, suppress_health_check=list(HealthCheck), deadline=None)
@given(TOKENS)
@example("0b101")
@example("+0x1")
@example("-0o7")
@example("1__2")
@example("_2")
def test_every_plain_scalar_resolves_as_documented(token):
    got = one(token)
    if isinstance(got, float) and math.isnan(got):
        got = "nan"
    want = oracle(token)
    assert got == want and type(got) is type(want), (token, got, want)


PLAIN = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=False),
        st.text(max_size=20),
        TOKENS,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=8), TOKENS), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, suppress_health_check=list(HealthCheck), deadline=None)
@given(PLAIN)
@example({"a": "1e3", "b": "010", "c": "yes", "d": "2005-12-15", "e": "1_000", "f": "0b1", "1": 1})
def test_dump_yaml_reads_back_as_the_same_data(data):
    assert load_yaml("x.yaml", text=dump_yaml(data))[0] == data


# --- what the dialect refuses, with file:line -----------------------------------------------


@pytest.mark.parametrize(
    "text, message, line",
    [
        ("a: 1\nb:\n  c: 2\n  c: 3\n", "duplicate key 'c'", 4),
        ("x:\n  010: a\n  10: b\n", "duplicate key 10", 3),
        ("a: 1\n<<: {b: 2}\n", "merge key '<<'", 2),
        ("a: &x {b: 1}\nc:\n  <<: *x\n", "merge key '<<'", 3),
        ("a: 1\nb: !foo x\n", "YAML tag '!foo'", 2),
        ("a: !!str 5\n", "YAML tag '!!str'", 1),
        ("a: !!binary aGk=\n", "YAML tag '!!binary'", 1),
        ("a: 1\n---\nb: 2\n", "a second YAML document", 2),
        ("a: [1, 2\n", "YAML syntax error", 1),
    ],
)
def test_refused_with_file_and_line(text, message, line):
    with pytest.raises(InputError) as ei:
        load_yaml("dir/f.yaml", text=text)
    assert message in ei.value.message and ei.value.location.line == line
    assert str(ei.value).startswith(f"dir/f.yaml:{line}")


def test_text_that_only_looks_like_a_tag_or_merge_key_is_data():
    data, _ = load_yaml("f.yaml", text='---\na: "!x <<: y"\nb: hi! there\nc: "--- not a document"\n')
    assert data == {"a": "!x <<: y", "b": "hi! there", "c": "--- not a document"}


def test_lines_follow_the_one_reading_of_keys():
    data, pos = load_yaml("f.yaml", text="m:\n  010: a\n  '011': b\n  x: [1, 2]\n")
    assert data == {"m": {10: "a", "011": "b", "x": [1, 2]}}
    assert pos.line(("m", 10)) == 2 and pos.line(("m", "011")) == 3 and pos.line(("m", "x", 1)) == 4


def bomb(levels: int = 9) -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_not_expanded():
    with pytest.raises(InputError) as ei:
        load_yaml("bomb.yaml", text=bomb())
    assert "alias bomb" in ei.value.message and ei.value.location.line == 2


def test_anchors_within_the_limit_still_work():
    data, _ = load_yaml("f.yaml", text=bomb(3))  # 10**3 replayed strings, far below the limit
    assert len(data["l3"]) == 10 and data["l3"][9][9][9] == ["lol"] * 10
    assert ALIAS_EVENTS_MAX >= 10_000


@pytest.fixture
def bomb_file(tmp_path):
    f = tmp_path / "bomb.yaml"
    f.write_text(bomb(), encoding="utf-8")
    return f


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "{f}"],
        ["draft", "regulation", "{f}", "-o", "{d}/out.docx"],
        ["lint", "{f}"],
        ["agreements", "--db", "{d}/reg.sqlite", "import", "{f}"],
    ],
)
def test_every_command_that_reads_user_yaml_refuses_an_alias_bomb(bomb_file, tmp_path, args):
    argv = [a.format(f=bomb_file, d=tmp_path) for a in args]
    pamats = Path(sys.executable).parent / "pamats"  # the installed command, in its own process
    res = subprocess.run([str(pamats), *argv], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    out = res.stdout + res.stderr
    assert res.returncode == 2, out
    assert "bomb.yaml:2" in out and "alias bomb" in out
    assert "Traceback" not in out and "MemoryError" not in out
    assert not (tmp_path / "out.docx").exists()


# --- every YAML file in the repository means what it is meant to ----------------------------


def _plain(x):
    """Dates as ISO strings: pydantic reads both the same; everything else compared as is."""
    import datetime as dt

    if isinstance(x, dict):
        return {_plain(k): _plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_plain(v) for v in x]
    if isinstance(x, (dt.date, dt.datetime)):
        return x.isoformat()
    return x


FILES = subprocess.run(
    ["git", "ls-files", "*.yaml", "*.yml"], cwd=REPO, capture_output=True, text=True, check=True
).stdout.split()
# tests/landscape/bad files that are wrong as YAML (the others are wrong as landscapes)
REFUSED = {
    "tests/landscape/bad/11-duplicate-key.yaml": "duplicate key 'landscape'",
    "tests/landscape/bad/12-duplicate-key-in-actor.yaml": "duplicate key 'name'",
    "tests/landscape/bad/39-yaml-bad-indent.yaml": "YAML syntax error",
    "tests/landscape/bad/40-yaml-syntax.yaml": "YAML syntax error",
}
DOC_SPLIT = re.compile(r"^---[ \t]*$", re.M)  # docassemble's own split of an interview into blocks


def test_the_repository_has_its_yaml_files():
    dirs = {f.split("/")[0] for f in FILES}
    assert {"graph", "answers", "agreements", "tests", "interviews", "src"} <= dirs and len(FILES) > 90


@pytest.mark.parametrize("rel", FILES)
def test_repository_yaml_reads_the_same_in_yaml_1_1_and_in_the_dialect(rel):
    """Our one reading (yaml_rs, YAML 1.2) equals YAML 1.1's (PyYAML, which docassemble and
    older tools use) for every file, so no file's meaning depends on which reader opens it."""
    text = (REPO / rel).read_text(encoding="utf-8")
    if rel in REFUSED:
        with pytest.raises(InputError) as ei:
            load_yaml(REPO / rel)
        assert REFUSED[rel] in ei.value.message and ei.value.location.line
        return
    blocks = DOC_SPLIT.split(text) if rel.endswith(".yml") else [text]
    for n, block in enumerate(blocks, 1):
        ours, _ = load_yaml(REPO / rel, text=block)
        theirs = _plain(yaml.safe_load(block))
        assert ours == theirs, f"{rel}: block {n} reads differently"
