"""Answers models: bundled files load; bad answers give InputError with file:line."""

from pathlib import Path

import pytest

from pamats.drafting.answers import (
    AgreementAnswers,
    AnnotationAnswers,
    OrderAnswers,
    RegulationAnswers,
    load_answers,
    parse_answers,
    pick,
)
from pamats.errors import ErrorList, InputError

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = {
    "answers/nrm-regulation.yaml": RegulationAnswers,
    "answers/iem-order.yaml": OrderAnswers,
    "answers/nrm-annotation.yaml": AnnotationAnswers,
    "agreements/marta-vrs/answers.yaml": AgreementAnswers,
}


@pytest.mark.parametrize("rel,model", BUNDLED.items())
def test_bundled_answers_load(rel, model):
    a = load_answers(ROOT / rel)
    assert type(a) is model
    assert pick(a.title, "lv") and pick(a.title, "en") != pick(a.title, "lv")


def _write(tmp_path, text):
    p = tmp_path / "a.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def _errors(exc):
    return exc.errors if isinstance(exc, ErrorList) else [exc]


def test_unknown_key_has_line(tmp_path):
    src = (ROOT / "agreements/marta-vrs/answers.yaml").read_text(encoding="utf-8")
    src = src.replace("controllers: independent", "controllers: independent\ncontrolers: joint")
    p = _write(tmp_path, src)
    line = src.splitlines().index("controlers: joint") + 1
    with pytest.raises(InputError) as ei:
        load_answers(p)
    assert ei.value.location.line == line and ei.value.location.path.endswith("a.yaml")
    assert "controlers: unknown key" in ei.value.message


def test_missing_required_and_wrong_type(tmp_path):
    p = _write(tmp_path, "kind: order\nlang: lv\ntitle: Par x\nprocedures_deadline: soon\n")
    with pytest.raises(ErrorList) as ei:
        load_answers(p)
    msgs = {e.message.split(":")[0]: e for e in ei.value.errors}
    assert "issuer" in msgs and msgs["issuer"].message.endswith("required field missing")
    assert msgs["procedures_deadline"].location.line == 4
    assert "date" in msgs["procedures_deadline"].message


def test_wrong_kind(tmp_path):
    p = _write(tmp_path, "lang: lv\nkind: statute\n")
    with pytest.raises(InputError) as ei:
        load_answers(p)
    assert ei.value.location.line == 2 and "statute" in ei.value.message


def test_text_must_be_text_or_lv_en(tmp_path):
    with pytest.raises(ErrorList) as ei:
        parse_answers({"kind": "order", "title": 5})
    assert any(e.message == "title: expected a text or {lv: ..., en: ...}" for e in ei.value.errors)


def _agreement(**over):
    d = {
        "kind": "agreement",
        "title": "T",
        "form": "cooperation_public",
        "subject": "S",
        "term": "t",
        "parties": [
            {"key": "vrs", "name": "VRS", "public_authority": True},
            {"key": "marta", "name": "MARTA", "public_authority": False},
        ],
    }
    d.update(over)
    return d


def test_s61_needs_public_persons():
    with pytest.raises(InputError) as ei:
        parse_answers(_agreement())
    assert "VPIL s.61" in ei.value.message and "marta" in ei.value.message
    assert type(parse_answers(_agreement(form="memorandum"))) is AgreementAnswers


def test_delegation_needs_norm_and_duties_need_parties():
    with pytest.raises(InputError) as ei:
        parse_answers(_agreement(form="delegation"))
    assert "delegation_norm" in ei.value.message
    with pytest.raises(InputError) as ei:
        parse_answers(_agreement(form="memorandum", duties={"pmlp": ["x"]}))
    assert "pmlp" in ei.value.message


def test_form_error_points_at_the_form_line(tmp_path):
    src = (ROOT / "agreements/marta-vrs/answers.yaml").read_text(encoding="utf-8")
    src = src.replace("form: memorandum", "form: cooperation_public")
    line = src.splitlines().index("form: cooperation_public") + 1
    with pytest.raises(InputError) as ei:
        load_answers(_write(tmp_path, src))
    assert ei.value.location.line == line and ei.value.message.startswith("form: form cooperation_public")
