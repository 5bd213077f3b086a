"""The text catalogue: both languages have the same keys and placeholders, every key the code
names exists, every finding code has its texts, and texts are data."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pamats.errors import InputError
from pamats.landscape.codes import CODES, FLOW_RULE_ORDER, REGISTRY, code_info
from pamats.text.messages import LANGS, catalogue, load_catalogue, msg, msg_around, placeholders

SRC = Path(__file__).resolve().parents[2] / "src" / "pamats"


def test_languages_have_the_same_keys():
    lv, en = set(catalogue("lv")), set(catalogue("en"))
    assert lv == en, f"only in lv: {sorted(lv - en)}; only in en: {sorted(en - lv)}"
    assert len(lv) > 100


def test_languages_have_the_same_placeholders():
    bad = [
        (k, placeholders("lv", k), placeholders("en", k))
        for k in catalogue("lv")
        if placeholders("lv", k) != placeholders("en", k)
    ]
    assert not bad


def test_latvian_is_first_and_texts_are_not_empty():
    assert LANGS[0] == "lv"
    for lang in LANGS:
        assert all(v.strip() for v in catalogue(lang).values())


def test_every_registered_code_has_its_texts_and_no_other_code_does():
    for c in CODES:
        for part in ("title", "help", "message"):
            assert f"code.{c}.{part}" in catalogue("lv"), (c, part)
    in_catalogue = {k.split(".")[1] for k in catalogue("lv") if k.startswith("code.")}
    assert in_catalogue == set(CODES)


def test_registry_order_and_flow_rules():
    assert [c.id for c in sorted(REGISTRY, key=lambda c: c.order)] == CODES
    assert FLOW_RULE_ORDER == [
        "NO_BASIS",
        "PURPOSE_NOT_COVERED",
        "EXCESS_DATA",
        "NOT_BINDING",
        "NOT_IN_FORCE",
        "RANK_TOO_LOW",
        "BROKEN_EMPOWERMENT",
    ]
    assert len({c.order for c in REGISTRY}) == len(REGISTRY)
    assert {c.severity for c in REGISTRY} <= {"high", "medium", "low"}
    assert code_info("NO_BASIS").colour == "bold red" and code_info("NOPE") is None


def _literal_keys() -> set[str]:
    """Catalogue keys named literally in the source: msg("k", …), msg_around("k", …), say_key("k", …),
    t("k", …) (report.k), _s("k", …) (screen.k), tr(lang, "k", …) (workspace.k), what a Wording
    is to say (``Wording.said_by(say_key, "k", …)``), and f"code.{…}.part" patterns."""
    keys: set[str] = set()
    prefix = {"msg": "", "msg_around": "", "say_key": "", "t": "report.", "_s": "screen.", "_both": ""}
    second = {"tr": "workspace."}  # the key is the second argument: tr(lang, "k")
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            args, name = node.args, node.func.id if isinstance(node.func, ast.Name) else None
            if isinstance(node.func, ast.Attribute) and node.func.attr == "said_by" and isinstance(args[0], ast.Name):
                args, name = args[1:], args[0].id  # Wording.said_by(say_key, "k", …) says say_key("k", …)
            if name in prefix and args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                keys.add(prefix[name] + args[0].value)
            if (
                name in second
                and len(args) > 1
                and isinstance(args[1], ast.Constant)
                and isinstance(args[1].value, str)
            ):
                keys.add(second[name] + args[1].value)
    return keys


def test_every_key_the_code_names_exists():
    keys = _literal_keys()
    assert {"report.title", "failure.regime", "remedy.new", "screen.details", "empowerment.cycle"} <= keys
    assert {"workspace.reload", "workspace.login_needed", "field.blank", "field.bad_date"} <= keys
    assert {"regulation_screen.unknown_section", "basis_screen.flow", "order_screen.cannot_bind"}
    assert {"agreement_screen.draft_mark", "amendment_screen.annex_choice"} <= keys <= keys
    keys |= {f"report.st_{s}" for s in ("closed", "remaining", "opened")}  # t("st_" + status)
    keys |= {f"in_force.{s}" for s in ("draft", "repealed", "expired", "terminated")}  # msg(f"in_force.{status}")
    missing = sorted(k for k in keys if "." in k and k not in catalogue("lv"))
    assert not missing


def test_values_are_data_never_format_or_markup():
    text = msg("code.NO_BASIS.message", "lv", sender="{recipient}", recipient="{0} {{x}} <b>")
    assert text == "Neviena norma neatļauj šo datu nodošanu (sūtītājs – {recipient}, saņēmējs – {0} {{x}} <b>)."
    before, after = msg_around("remedy.disclose", "en", "recipient", sender="{x}", purpose="p")
    assert before + "R" + after == "allows {x} to disclose data to R (purpose: p)"


def test_a_text_that_is_not_a_string_is_refused_with_file_and_line(tmp_path):
    bad = tmp_path / "xx.yaml"
    bad.write_text('report:\n  title: "ok"\n  count: 3\n', encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_catalogue(bad)
    assert "report.count" in str(e.value) and ":3" in str(e.value) and "quoted" in str(e.value)
    (tmp_path / "list.yaml").write_text("- a\n", encoding="utf-8")
    with pytest.raises(InputError, match="mapping"):
        load_catalogue(tmp_path / "list.yaml")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language"):
        catalogue("de")


def test_the_interview_layers_texts_named_by_a_computed_key_exist():
    """Keys the interview layer builds from data: the workspace's tr(lang, "st_" + status) and
    kin, the amendment interview's kinds of change and places, an order's reasons, the fill-in places."""
    from pamats.interview import amendment, order, workspace
    from pamats.registry.models import STATUSES
    from pamats.registry.models_workspace import ROLES

    keys = {f"workspace.form_{k}" for k in (*workspace.FORMS, "text")}
    keys |= {f"workspace.st_{s}" for s in STATUSES}
    keys |= {f"workspace.role_{r}" for r in ROLES}
    keys |= {f"workspace.due_{k}" for k in ("obligation", "notice", "renewal", "term_end")}
    keys |= {f"workspace.op_{k}" for k in ("replace", "insert_after", "delete")}
    keys |= {f"workspace.download_{k}" for k in ("docx", "pdf", "answers")}
    keys |= {f"amendment_screen.{k}" for k in amendment.KINDS}
    keys |= {"amendment_screen.role.service_provider", "amendment_screen.edit", "amendment_screen.title"}
    keys |= {f"order_screen.why.{k}" for k in (*order._WHY, "other")}
    keys |= {f"amendment_screen.where.{k}" for k in ("point", "chapter", "paragraph")}
    keys |= {
        f"fill_in_where.{k}"
        for k in ("header_lines", "title", "basis_line", "notes", "warnings", "intro", "heading", "point", "signature")
    }
    assert not sorted(k for k in keys if k not in catalogue("lv"))
