"""An amendment in the what-if: its new points as a draft instrument; named institutions only."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pamats.cli.main import _register, cli
from pamats.drafting.to_landscape import answers_file_to_landscape
from pamats.landscape.model import LandscapeFile

ROOT = Path(__file__).resolve().parents[3]
_register()


def test_landscape_instrument_from_the_amendment():
    data = answers_file_to_landscape(ROOT / "answers/no344-amendment.yaml")
    LandscapeFile.model_validate(data)
    inst = data["instruments"][0]
    assert inst["id"] == "no344-amendment" and inst["status"] == "draft" and inst["kind"] == "cabinet_regulation"
    assert inst["empowered_by"] == [{"instrument": "spspl", "provision": "s13-1-7"}]
    refs = [p["ref"] for p in inst["provisions"]]
    assert refs == ["[projekts] MK 344 5.¹ 1 apakšpunkts", "[projekts] MK 344 5.¹ 2 apakšpunkts"]
    senders = {a["sender"] for p in inst["provisions"] for a in p["authorises"]}
    assert senders == {"vrs", "pmlp", "soc-dienesti", "krizes-centri"}  # the institutions the text names, no role


def test_gaps_with_amendment_closes_named_institutions_only():
    res = CliRunner().invoke(
        cli,
        ["gaps", str(ROOT / "graph/lv-nrm"), "--with", str(ROOT / "answers/no344-amendment.yaml"), "--format", "json"],
    )
    assert res.exit_code in (0, 1), res.output
    report = json.loads(res.output)
    assert set(report["closed"]) == {
        "NO_BASIS:pmlp-to-marta-possible-victim",
        "NO_BASIS:soc-dienesti-to-marta",
        "NO_BASIS:vrs-to-marta-possible-victim",
        "NRM_NO_PATH_TO_PROVIDER:pmlp",
        "NRM_NO_PATH_TO_PROVIDER:soc-dienesti",
        "NRM_NO_PATH_TO_PROVIDER:vrs",
    }
    # the Ombudsman is a first-contact actor in the landscape but the amendment's text does not name it
    assert "NO_BASIS:tiesibsargs-to-marta-possible-victim" in report["remaining"]
    assert report["opened"] == []


def _with_sender(tmp_path, sender: str) -> Path:
    src = (ROOT / "answers/no344-amendment.yaml").read_text(encoding="utf-8")
    bad = src.replace(
        "{sender: vrs, recipient: role:service_provider", f"{{sender: {sender}, recipient: role:service_provider", 1
    )
    assert bad != src
    p = tmp_path / "role.yaml"
    p.write_text(bad, encoding="utf-8")
    return p


def test_a_role_the_act_does_not_define_is_refused_with_file_and_line(tmp_path):
    """'role:first_contact' would authorise the Ombudsman and the police, whom the text never names."""
    p = _with_sender(tmp_path, "role:first_contact")
    line = next(i for i, t in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if "role:first_contact" in t)
    for args in (
        ["draft", "amendment", str(p), "-o", str(tmp_path / "a.docx")],
        ["gaps", str(ROOT / "graph/lv-nrm"), "--with", str(p)],
    ):
        res = CliRunner().invoke(cli, args)
        assert res.exit_code == 2, res.output
        assert (
            f"role.yaml:{line}: changes[0].points[0].units[0].exchanges[0].sender: 'role:first_contact'" in res.output
        )
        assert "mk-344-2019 defines no term for it" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "a.docx").exists()


def test_a_role_the_act_defines_is_every_actor_with_it(tmp_path):
    """No. 344 point 3 defines 'pakalpojuma sniedzējs' (every registered provider): role:service_provider."""
    data = answers_file_to_landscape(ROOT / "answers/no344-amendment.yaml")
    recipients = {a["recipient"] for p in data["instruments"][0]["provisions"] for a in p["authorises"]}
    assert recipients == {"role:service_provider", "vp"}
    # a sender the act defines as a term is accepted the same way
    assert answers_file_to_landscape(_with_sender(tmp_path, "role:service_provider"))["instruments"][0]["provisions"]


def _with_change(tmp_path, change: str) -> Path:
    """The bundled amendment with one more change (YAML text under 'changes:')."""
    src = (ROOT / "answers/no344-amendment.yaml").read_text(encoding="utf-8")
    out = src.replace("changes:\n", "changes:\n" + change, 1)
    assert out != src
    p = tmp_path / "restate.yaml"
    p.write_text(out, encoding="utf-8")
    return p


_RESTATE_2_2 = """  - restate: "2.2"
    text: "uztur pakalpojuma saņēmēju datubāzi."
"""
_KEEP = """    exchanges:
      - {sender: role:service_provider, recipient: siva, categories: [identity, contact, service_data], purposes: [service_decision, rehabilitation], subjects: [possible_victim]}
"""


def _gaps(path: Path) -> dict:
    res = CliRunner().invoke(cli, ["gaps", str(ROOT / "graph/lv-nrm"), "--with", str(path), "--format", "json"])
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.output)


def test_a_restated_point_withdraws_its_old_permissions(tmp_path):
    """Restating 2.2 without the providers' sending re-opens the providers -> SIVA findings
    that No. 344 2.2 (landscape provision mk-344-2019#p2-2) covered before."""
    p = _with_change(tmp_path, _RESTATE_2_2)
    inst = answers_file_to_landscape(p)["instruments"][0]
    assert inst["withdraws"] == [  # 2.2 and its sub-points 2.2.1-2.2.3, restated with it
        {"instrument": "mk-344-2019", "provision": p} for p in ("p2-2", "p2-2-1", "p2-2-2", "p2-2-3")
    ]
    report = _gaps(p)
    opened = set(report["opened"])
    assert {"NO_BASIS:marta-to-siva", "NO_BASIS:drosa-maja-to-siva"} <= opened, opened
    assert "NO_BASIS:marta-to-siva" not in {f["key"] for f in report["before"]["findings"]}
    # the bundled amendment's own closures are untouched
    assert "NO_BASIS:vrs-to-marta-possible-victim" in report["closed"]


def test_a_restated_point_that_keeps_the_permission_opens_nothing(tmp_path):
    p = _with_change(tmp_path, _RESTATE_2_2 + _KEEP)
    inst = answers_file_to_landscape(p)["instruments"][0]
    assert [x["id"] for x in inst["provisions"]][0] == "p2-2"
    assert _gaps(p)["opened"] == []


def test_restating_a_point_withdraws_its_sub_points_and_deleting_does_too(tmp_path):
    for change in (
        '  - restate: "2"\n    text: "Sociālās integrācijas valsts aģentūra koordinē pakalpojumu."\n',
        '  - delete: "2.2"\n',
    ):
        p = _with_change(tmp_path, change)
        withdrawn = {w["provision"] for w in answers_file_to_landscape(p)["instruments"][0]["withdraws"]}
        assert "p2-2" in withdrawn, change
        assert "NO_BASIS:marta-to-siva" in _gaps(p)["opened"], change


def test_an_amendment_not_yet_in_force_withdraws_nothing(tmp_path):
    p = _with_change(tmp_path, _RESTATE_2_2)
    p.write_text(p.read_text(encoding="utf-8") + "entry_into_force: 2099-01-01\n", encoding="utf-8")
    assert "NO_BASIS:marta-to-siva" not in _gaps(p)["opened"]


def test_the_role_refusal_is_worded_in_both_languages_from_the_catalogue(tmp_path):
    import pytest

    from pamats.drafting.amendment.errors import AmendmentError, amendment_hint, amendment_text
    from pamats.drafting.amendment.pipeline import prepare

    with pytest.raises(AmendmentError) as e:
        prepare(_with_sender(tmp_path, "role:first_contact"))
    assert amendment_text(e.value, "lv").startswith(
        "role:first_contact atļautu datus nodot visām iestādēm ar šo lomu, bet noteikumos mk-344-2019"
    )
    assert "role:service_provider ('pakalpojuma sniedzējs', 3. punkts)" in amendment_hint(e.value, "lv")
    assert amendment_text(e.value, "en").startswith("'role:first_contact' would authorise every actor")


_REPLACE_2_2 = """  - replace_in: "2.2"
    words: "datubāzi"
    with: "reģistru"
"""


def test_words_replaced_without_the_new_meaning_keep_the_provision_and_say_review_it(tmp_path):
    """Not modelled: 2.2's provision stays (nothing opens) and the report says, in Latvian and
    English from the catalogue, that 2.2's meaning after the replacement must be reviewed; the
    provisions of No. 344 not tied to a point number cannot be withdrawn automatically."""
    from pamats.text.messages import msg

    p = _with_change(tmp_path, _REPLACE_2_2)
    inst = answers_file_to_landscape(p)["instruments"][0]
    assert inst["words_replaced"] == [{"instrument": "mk-344-2019", "provision": "p2-2"}]
    assert "withdraws" not in inst and "p2-2" not in [x["id"] for x in inst["provisions"]]
    report = _gaps(p)
    assert "NO_BASIS:marta-to-siva" not in report["opened"]
    kinds = {n["kind"]: n for n in report["review"]}
    assert set(kinds) == {"words_not_modelled", "untied"}
    note = kinds["words_not_modelled"]
    assert (note["draft"], note["instrument"], note["provisions"]) == ("restate", "mk-344-2019", ["p2-2"])
    for lang, ref in (("lv", "2.2. apakšpunkts"), ("en", "point 2.2")):
        want = msg("whatif.words_not_modelled", lang, draft="restate", instrument="MK 344", ref=ref)
        assert note["message"][lang] == want
    assert "nav modelēta" in note["message"]["lv"] and "not modelled" in note["message"]["en"]
    untied = kinds["untied"]
    assert untied["provisions"] == ["service-decision", "recognition-criteria"]
    assert "nevar atsaukt automātiski" in untied["message"]["lv"]
    assert "cannot be withdrawn automatically" in untied["message"]["en"]
    # every report format says it, in its language
    for fmt, lang, head in (("md", "lv", "Jāpārskata"), ("md", "en", "To review"), ("table", "en", "To review")):
        res = CliRunner().invoke(
            cli, ["gaps", str(ROOT / "graph/lv-nrm"), "--with", str(p), "--format", fmt, "--lang", lang]
        )
        text = " ".join(res.output.split())
        assert f"{head} (2)" in text, (fmt, lang)
        assert " ".join(note["message"][lang].split())[:80] in text, (fmt, lang)
    html = tmp_path / "r.html"
    res = CliRunner().invoke(
        cli, ["gaps", str(ROOT / "graph/lv-nrm"), "--with", str(p), "--format", "html", "-o", str(html)]
    )
    assert "Jāpārskata (2)" in html.read_text(encoding="utf-8")
    import docx

    out = tmp_path / "r.docx"
    CliRunner().invoke(
        cli, ["gaps", str(ROOT / "graph/lv-nrm"), "--with", str(p), "--format", "docx", "-o", str(out), "--lang", "en"]
    )
    paras = [x.text for x in docx.Document(str(out)).paragraphs]
    assert "To review (2):" in paras and note["message"]["en"] in paras


def test_words_replaced_with_the_new_meaning_withdraw_the_old_provision(tmp_path):
    """Modelled ('exchanges' on the change): the old 2.2 is withdrawn and 2.2 authorises what the
    answers say; 'exchanges: []' (nothing) re-opens the providers -> SIVA findings; no review
    note for 2.2, only the untied provisions'."""
    p = _with_change(tmp_path, _REPLACE_2_2 + _KEEP)
    inst = answers_file_to_landscape(p)["instruments"][0]
    assert inst["withdraws"] == [{"instrument": "mk-344-2019", "provision": "p2-2"}]  # not its sub-points
    assert "words_replaced" not in inst
    prov = next(x for x in inst["provisions"] if x["id"] == "p2-2")
    assert prov["summary"]["lv"].startswith("veido sniegto pakalpojumu reģistru")  # the consolidated wording
    assert [a["recipient"] for a in prov["authorises"]] == ["siva"]
    report = _gaps(p)
    assert report["opened"] == []
    assert [n["kind"] for n in report["review"]] == ["untied"]

    p = _with_change(tmp_path, _REPLACE_2_2 + "    exchanges: []\n")
    inst = answers_file_to_landscape(p)["instruments"][0]
    assert inst["withdraws"] == [{"instrument": "mk-344-2019", "provision": "p2-2"}]
    assert "p2-2" not in [x["id"] for x in inst["provisions"]]
    assert "NO_BASIS:marta-to-siva" in _gaps(p)["opened"]


def test_words_replaced_in_a_point_the_landscape_does_not_model(tmp_path):
    """Point 4 has no landscape provision: nothing to keep or review for it; the untied note stays."""
    p = _with_change(tmp_path, '  - replace_in: "4"\n    words: "180"\n    with: "90"\n')
    assert answers_file_to_landscape(p)["instruments"][0]["words_replaced"] == [
        {"instrument": "mk-344-2019", "provision": "p4"}
    ]
    assert [n["kind"] for n in _gaps(p)["review"]] == ["untied"]


def test_an_amendment_that_only_adds_points_has_nothing_to_review():
    res = CliRunner().invoke(
        cli,
        ["gaps", str(ROOT / "graph/lv-nrm"), "--with", str(ROOT / "answers/no344-amendment.yaml"), "--format", "json"],
    )
    assert "review" not in json.loads(res.output)
