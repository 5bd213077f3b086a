"""pamats act-import: an act file from the copied text of a consolidated act."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pamats.cli.main import _register, cli
from pamats.drafting.amendment.act import load_act, parse_act
from pamats.drafting.amendment.consolidate import act_signature
from pamats.drafting.amendment.import_text import act_from_text, act_yaml
from pamats.errors import InputError

ROOT = Path(__file__).resolve().parents[3]
_register()

TEXT = """Ministru kabineta noteikumi Nr. 12
Rīgā 2020. gada 3. martā (prot. Nr. 9 4. §)
Noteikumi par izmēģinājuma
kārtību
Izdoti saskaņā ar Izmēģinājuma likuma
5. panta otro daļu

I. Vispārīgie jautājumi

1. Noteikumi nosaka izmēģinājuma kārtību.
(MK 01.02.2021. noteikumu Nr. 50 redakcijā)
1.¹ Iestāde ievēro
arī šo punktu.
2. Iestāde:
2.1. pieņem iesniegumu;
2.2. (Svītrots ar MK 01.02.2021. noteikumiem Nr. 50)
2.3. paziņo lēmumu.
II. Noslēguma jautājumi
3. Pakalpojuma ilgums ir līdz 180 dienām, skaitot no
2021. gada 1. janvāra.
4^1 Iespiests punkts.
"""


def test_import_structure_and_round_trip():
    act = act_from_text(TEXT, act_id="test-act", source="https://example.invalid/12")
    assert (act.number, act.date.isoformat(), act.protocol) == ("12", "2020-03-03", "9 4. §")
    assert act.title == "Noteikumi par izmēģinājuma kārtību"
    assert act.izdoti == "Izdoti saskaņā ar Izmēģinājuma likuma 5. panta otro daļu"
    assert [c.title for c in act.chapters] == ["Vispārīgie jautājumi", "Noslēguma jautājumi"]
    units = {u.n: u for u in act.walk()}
    assert list(units) == ["1", "1.¹", "2", "2.1", "2.2", "2.3", "3", "4.¹"]
    assert units["1"].text == "Noteikumi nosaka izmēģinājuma kārtību."  # the consolidation's note is dropped
    assert units["1.¹"].text == "Iestāde ievēro arī šo punktu."
    assert units["2.2"].deleted and units["2.2"].text is None
    assert units["3"].text == "Pakalpojuma ilgums ir līdz 180 dienām, skaitot no 2021. gada 1. janvāra."
    assert not any(u.verified for u in act.walk())
    again = parse_act(yaml.safe_load(act_yaml(act)))
    assert act_signature(again) == act_signature(act)


def test_bundled_344_matches_its_text():
    """The bundled act's read points, re-imported from the text as it stands on likumi.lv, are equal."""
    bundled = load_act(ROOT / "answers/acts/mk-344-2019.yaml")
    lines = [
        "Ministru kabineta noteikumi Nr. 344",
        "Rīgā 2019. gada 16. jūlijā (prot. Nr. 33 33. §)",
        bundled.title,
        "Izdoti saskaņā ar Sociālo pakalpojumu un",
        "sociālās palīdzības likuma",
        "13. panta pirmās daļas 7. punktu",
    ]
    lines += [f"{u.n}. {u.text}" if "." not in u.n else f"{u.n}. {u.text}" for u in bundled.walk() if u.text]
    act = act_from_text("\n".join(lines), act_id="mk-344-2019", source=bundled.source)
    assert act.izdoti == bundled.izdoti and act.date == bundled.date and act.protocol == bundled.protocol
    assert [(u.n, u.text) for u in act.walk()] == [(u.n, u.text) for u in bundled.walk() if u.text]


@pytest.mark.parametrize(
    "bad,line,words",
    [
        (TEXT.replace("2.1. pieņem", "7.1. pieņem"), 15, "sub-point 7.1 has no point 7 before it"),
        (TEXT.replace("3. martā", "31. februārī"), 2, "the date does not exist"),
        (TEXT.replace("3. martā", "3. martobrī"), 2, "not a Latvian month"),
        (TEXT.replace("2.3. paziņo", "2.1. paziņo"), 17, "appears twice"),
    ],
)
def test_import_errors_have_lines(tmp_path, bad, line, words):
    src = tmp_path / "act.txt"
    src.write_text(bad, encoding="utf-8")
    out = tmp_path / "act.yaml"
    res = CliRunner().invoke(cli, ["act-import", str(src), "--id", "x", "--source", "s", "-o", str(out)])
    assert res.exit_code == 2, res.output
    assert f"act.txt:{line}" in res.output and words in res.output and not out.exists()


def test_cli_writes_a_loadable_act(tmp_path):
    src = tmp_path / "act.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "act.yaml"
    res = CliRunner().invoke(
        cli, ["act-import", str(src), "--id", "test-act", "--source", "s", "--verified", "-o", str(out)]
    )
    assert res.exit_code == 0 and "8 units" in res.output
    act = load_act(out)
    assert act.verified and all(u.verified for u in act.walk() if not u.deleted)
    with pytest.raises(InputError):
        act_from_text("1. Tikai punkts.", act_id="x", source="s")
