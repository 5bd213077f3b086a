"""The two readings of CPL s.369(2)(5) ("any natural or legal person may submit information on a
possible offence"), as data: the bundled landscape reads it as covering institutions
(``sender: any``); the other reading (private persons only) is ``sender: kind:ngo``. Which one
holds is for a lawyer (docs/landscape-reports.md, "Who may report to the police"); both are run
here on graph/lv-nrm, with the figures each gives."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from pamats.landscape.check import check_landscape
from pamats.landscape.load import load_landscape

AS_OF = dt.date(2026, 11, 28)
POLICE = "NRM_NO_PATH_TO_POLICE"


def lv_nrm_with_reading(repo: Path, tmp: Path, sender: str | None) -> Path:
    """A copy of graph/lv-nrm whose kpl/s369-2-5 permission has ``sender`` (``None``: the
    provision authorises nothing, as before issue 15)."""
    out = tmp / f"lv-nrm-{(sender or 'none').replace(':', '-')}"
    shutil.copytree(repo / "graph/lv-nrm", out)
    f = out / "instruments-laws.yaml"
    data = yaml.safe_load(f.read_text(encoding="utf-8"))
    kpl = next(i for i in data["instruments"] if i["id"] == "kpl")
    prov = next(p for p in kpl["provisions"] if p["id"] == "s369-2-5")
    assert [p["sender"] for p in prov["authorises"]] == ["any"], "the bundled reading changed"
    if sender is None:
        prov["authorises"] = []
    else:
        prov["authorises"][0]["sender"] = sender
    f.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def _check(path: Path):
    return check_landscape(load_landscape([path]), AS_OF)


def test_bundled_reading_institutions_may_report_gives_every_first_contact_a_path_to_the_police(repo):
    rep = _check(repo / "graph/lv-nrm")
    assert not [f for f in rep.findings if f.code == POLICE]
    assert (len(rep.findings), len(rep.distinct)) == (9, 5)


def test_other_reading_private_persons_only_leaves_three_institutions_without_a_path(repo, tmp_path):
    rep = _check(lv_nrm_with_reading(repo, tmp_path, "kind:ngo"))
    police = sorted(f.actor for f in rep.findings if f.code == POLICE)
    # the crisis centres are NGOs (private persons), so they keep the path; the border guard keeps
    # its own (CPL s.387(13), a covered flow to the State Police)
    assert police == ["pmlp", "soc-dienesti", "tiesibsargs"]
    assert all(f.restates is None for f in rep.findings if f.code == POLICE)  # no flow to the police to restate
    assert (len(rep.findings), len(rep.distinct)) == (12, 8)


def test_without_point_5_the_four_police_findings_of_before_issue_15_come_back(repo, tmp_path):
    rep = _check(lv_nrm_with_reading(repo, tmp_path, None))
    assert sorted(f.actor for f in rep.findings if f.code == POLICE) == [
        "krizes-centri",
        "pmlp",
        "soc-dienesti",
        "tiesibsargs",
    ]
    assert (len(rep.findings), len(rep.distinct)) == (13, 9)
