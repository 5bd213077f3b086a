"""Builders: structure and text of the four kinds, lv and en; numbering; cross-references; injection."""

from pathlib import Path

import pytest
import yaml

from pamats.drafting.answers import load_answers, parse_answers
from pamats.drafting.build import build_instrument
from pamats.drafting.document import render_inline
from pamats.text.quotes import lv_quotes

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    "answers/nrm-regulation.yaml",
    "answers/iem-order.yaml",
    "answers/nrm-annotation.yaml",
    "agreements/marta-vrs/answers.yaml",
]


def text_of(instr):
    nums = instr.numbers()
    lines = [instr.title, *instr.header_lines, instr.basis_line or "", *instr.notes, *instr.warnings, *instr.intro]
    for n in instr.walk():
        lines.append(f"{n.number} {n.node.title or ''} {render_inline(n.node.text, nums)}".strip())
    lines += instr.closing + [f"{s.position} {s.name}" for s in instr.signatories]
    return "\n".join(lines)


def raw(rel):
    return yaml.safe_load((ROOT / rel).read_text(encoding="utf-8"))


def test_regulation_lv_structure():
    i = build_instrument(load_answers(ROOT / FILES[0]))
    assert i.marking == "Noteikumu projekts"
    assert i.header_lines == ["Ministru kabineta noteikumi Nr. __", "Rīgā __. gada __. ___ (prot. Nr. __ __. §)"]
    assert i.basis_line == (
        "Izdoti saskaņā ar Sociālo pakalpojumu un sociālās palīdzības likuma 13. panta pirmās daļas 7. punktu"
    )
    chapters = [(n.number, n.node.title) for n in i.walk() if n.node.kind == "chapter"]
    assert [c[0] for c in chapters] == ["I.", "II.", "III.", "IV.", "V."]
    points = [n.number for n in i.walk() if n.node.kind == "point" and n.depth == 1]
    assert points == [f"{k}." for k in range(1, len(points) + 1)]  # continuous across chapters
    t = text_of(i)
    assert "vienlaikus informē gan policiju, gan pakalpojuma sniedzēju" in t
    assert "Šo noteikumu 3. punktā minēto informāciju sniedz pa tālruni" in t
    # lead-in ':' items ';' last '.'
    data = i.find("data")
    assert render_inline(data.text, {}).endswith(":")
    ends = [render_inline(c.text, {})[-1] for c in data.children]
    assert ends == [";"] * (len(ends) - 1) + ["."]
    assert [s.position for s in i.signatories] == ["Ministru prezidente", "Iekšlietu ministrs"]
    assert "[JĀPRECIZĒ:" in i.signatories[0].name and "[JĀPRECIZĒ: pārliecināties" in i.notes[0]
    assert "stājas spēkā" not in t  # no entry-into-force point when the default applies


def test_regulation_final_provisions_and_renumbered_xrefs():
    d = raw(FILES[0])
    d["entry_into_force"] = "2027-07-01"
    d["repeals"] = 'Ministru kabineta 2006. gada 31. oktobra noteikumus Nr. 889 "X"'
    d["data_items"] = ["a"] * 2  # shorter list: later numbers follow
    i = build_instrument(parse_answers(d))
    t = text_of(i)
    assert "VI. Noslēguma jautājumi" in t
    assert "Noteikumi stājas spēkā 2027. gada 1. jūlijā." in t
    assert "Atzīt par spēku zaudējušiem Ministru kabineta 2006. gada" in t
    # move the inform point: remove the terms point, refs follow
    i.body[0].children.pop()
    nums = i.numbers()
    assert nums["inform"] == "2." and "Šo noteikumu 2. punktā" in render_inline(i.find("channel").text, nums)


def test_regulation_en():
    i = build_instrument(load_answers(ROOT / FILES[0]), lang="en")
    assert i.basis_line == "Issued under Section 13(1)(7) of the Social Services and Social Assistance Law"
    t = text_of(i)
    assert "Paragraph 3 of this Regulation" in t and "[TO BE CONFIRMED:" in t and "JĀPRECIZĒ" not in t


def test_order():
    i = build_instrument(load_answers(ROOT / FILES[1]))
    assert i.header_lines[0] == "Iekšlietu ministrijas rīkojums Nr. __"
    # the law and the regulation it implements (latvian-drafting.md §2.2), the regulation after "ar" in the dative
    assert i.basis_line == (
        "Izdots saskaņā ar Valsts pārvaldes iekārtas likuma 72. panta pirmās daļas 1. punktu un "
        "Ministru kabineta __. gada __. ___ noteikumiem Nr. __ „Kārtība, kādā atpazīst cilvēku "
        "tirdzniecības upurus un nosūta tos pie sociālās rehabilitācijas pakalpojuma sniedzēja”"
    )
    assert build_instrument(load_answers(ROOT / FILES[1]), lang="en").basis_line == (
        "Issued under Section 72(1)(1) of the State Administration Structure Law and Cabinet Regulation No. __ of "
        '__ ___ __ "Procedure for identifying victims of trafficking in human beings and referring them to a social '
        'rehabilitation service provider"'
    )
    top = [render_inline(n.node.text, {}) for n in i.walk() if n.depth == 0]
    assert all(s.split()[0].rstrip(",") in {"Noteikt", "Iestādēm", "Organizēt"} for s in top), top
    t = text_of(i)
    assert "komunikācijas prasmju mācības" in t and "līdz 2027. gada 1. martam" in t
    assert "rīkojuma izpildi kontrolē valsts sekretārs" in t
    assert "Order No. __ of the Ministry of the Interior" in text_of(
        build_instrument(load_answers(ROOT / FILES[1]), lang="en")
    )


def test_agreement_lv():
    i = build_instrument(load_answers(ROOT / FILES[3]))
    assert i.header_lines[0] == "SADARBĪBAS LĪGUMS Nr. __"
    assert "(turpmāk – Robežsardze)" in i.intro[0] and "no vienas puses" in i.intro[0]
    assert i.intro[2] == "turpmāk kopā – Puses, katra atsevišķi – Puse,"
    titles = [n.node.title for n in i.walk() if n.depth == 0]
    assert titles[:3] == ["Līguma priekšmets", "Pušu tiesības un pienākumi", "Informācijas apmaiņas kārtība"]
    t = text_of(i)
    assert "tiesiskais pamats – Ministru kabineta" in t and "[JĀPRECIZĒ: norma vēl nav spēkā]" in t
    assert i.warnings == [] and len(i.signature_blocks) == 2
    assert "patstāvīgs pārzinis" in t and "26. panta" not in t


def test_agreement_without_norm_prints_warning_and_joint_controllers():
    d = raw(FILES[3])
    d["legal_basis_norms"] = []
    d["controllers"] = "joint"
    i = build_instrument(parse_answers(d))
    t = text_of(i)
    assert i.warnings and "[BRĪDINĀJUMS: nav norādīta tiesību norma" in t
    assert "sūtītājs –" not in t  # no data-exchange clause
    assert "kopīgi pārziņi Eiropas Parlamenta un Padomes 2016. gada 27. aprīļa Regulas (ES) 2016/679 par" in t
    assert "(Vispārīgā datu aizsardzības regula) 26. panta izpratnē" in t


def test_annotation_with_gap_report():
    report = {
        "as_of": "2026-11-28",
        "findings": [
            {
                "key": "NO_BASIS:x",
                "message": {"lv": "VRS nav pamata informēt MARTA", "en": "VRS has no basis"},
                "remedy": {"under": {"instrument": "spspl", "provision": "s13-1-7"}},
            },
            {"key": "OTHER:y", "message": {"lv": "cits", "en": "other"}, "remedy": {"under": None}},
        ],
    }
    i = build_instrument(load_answers(ROOT / FILES[2]), landscape_report=report)
    t = text_of(i)
    assert "Apraksts: Sociālo pakalpojumu un sociālās palīdzības likuma 13. panta pirmās daļas 7. punkts." in t
    assert "atklāj 1 trūkumu(s)" in t and "VRS nav pamata informēt MARTA." in t and "cits" not in t
    assert t.count("[JĀPRECIZĒ: sadaļas nosaukums") == 7
    assert "1.3. Pašreizējā situācija, problēmas un risinājumi" in t


NASTY = ["{{ 7*7 }}", "{% if x %}y{% endif %}", "${x}", "<w:p>", "a & b", "\"q\" 'q'", "שלום עולם", "x" * 10000]


@pytest.mark.parametrize("value", NASTY)
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_user_text_stays_literal(value, lang):
    d = raw(FILES[3])
    d["subject"] = value
    d["parties"][1]["name"] = value
    t = text_of(build_instrument(parse_answers(d), lang=lang))
    assert (lv_quotes(value) if lang == "lv" else value).rstrip(".") in t
    if "7*7" in value:
        assert "49" not in t
