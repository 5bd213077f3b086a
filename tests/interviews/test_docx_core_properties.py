"""The core properties of every interview's assembled DOCX (regulation, order, agreement,
amendment; every scenario under tests/interviews/scenarios): the core title is the document's
own heading (cut at a word at 255 characters, as the CLI's ``set_properties``) and equals the
title of the DOCX ``pamats draft`` renders from the answers file the interview offers; the
language is lv-LV / en-GB. One template field (``{{ core_title }}``, templates/build_templates.py)
and one context key (``docx_context``) serve every interview: the template's field never shows,
and an English title's straight quotes are not written as '&#34;'."""

from __future__ import annotations

from pathlib import Path

import pytest

SCENARIOS = Path(__file__).resolve().parent / "scenarios"
KINDS = ("regulation", "order", "agreement", "amendment")
CASES = sorted(p.name for p in SCENARIOS.glob("*.yaml") if p.name.split("--")[0] in KINDS)
LANGUAGE = {"lv": "lv-LV", "en": "en-GB"}


def test_every_kind_has_scenarios_in_both_languages():
    for kind in KINDS:
        mine = [c for c in CASES if c.startswith(kind + "--")]
        assert mine, kind
        assert any(c.endswith("-lv.yaml") for c in mine) or kind == "amendment", kind


@pytest.mark.parametrize("name", CASES, ids=[c[:-5] for c in CASES])
def test_interview_docx_core_title_is_the_heading_and_the_clis(da, tmp_path, name):
    import docx

    from pamats.cli.main import main

    kind = name.split("--")[0]
    sc = da.load_scenario(SCENARIOS / name)
    run = da.drive(da.load_interview(f"{kind}.yml"), sc["answers"])
    (path,) = run.docx_paths
    d = docx.Document(str(path))
    heading = next(p.text for p in d.paragraphs if p.style.name == "Pamats Title")
    title = d.core_properties.title
    assert 0 < len(title) <= 255, (name, title)
    # the core property holds 255 characters: a longer title is cut at a word and marked
    if len(heading) <= 255:
        assert title == " ".join(heading.split()), (name, title, heading)
    else:
        assert heading.startswith(title[:-1]) and title[-1] == "…", (name, title)
    assert "{{" not in title and "&#" not in title and "&amp;" not in title, title
    lang = run.user_dict["answers"]["lang"]
    assert d.core_properties.language == LANGUAGE[lang], (name, d.core_properties.language)

    answers = Path(da._STATE["plugin"].saved[int(run.user_dict["answers_download"].raw.number)]["fullpath"])
    out = tmp_path / "cli.docx"
    assert main(["draft", kind, str(answers), "-o", str(out)]) == 0
    cli = docx.Document(str(out)).core_properties
    assert (cli.title, cli.language) == (title, d.core_properties.language)
