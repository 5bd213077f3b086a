"""Every remedy, applied as a draft, closes its finding (issue 14).

From a finding's remedy alone (its kind, the provision it is issued ``under``, the permission
it names) a draft instrument is built mechanically and run through what-if; the finding must
close. A remedy that amends an act in force is drafted as an act of the same kind under the
same provision carrying the added point (the checker sees the same permission either way).

Remedies that cannot be turned into a draft mechanically, and so are not tested here:
``under`` is None (a law amendment is needed: pamats names no statute), and the remedies on an
existing instrument (add parties, re-issue, adopt or renew, comes into force on a date).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from scenario_lib import SCENARIOS, load_scenario, run_scenario

from pamats.landscape.check import check_landscape
from pamats.landscape.load import load_landscape
from pamats.landscape.whatif import what_if
from pamats.yamlio import dump_yaml

AS_OF = dt.date(2026, 11, 28)
DRAFTABLE = {"cabinet_regulation", "ministry_order", "agreement"}


def _draftable(f) -> bool:
    return f.remedy is not None and f.remedy.kind in DRAFTABLE and f.remedy.under is not None


def _permission(ls, f) -> dict:
    """The permission the remedy names: the flow's, or the NRM's minimum referral to the role."""
    if f.flow is not None:
        fl = f.flow
        return {
            "sender": fl.sender,
            "recipient": fl.recipient,
            "categories": list(fl.categories),
            "purposes": [fl.purpose],
            "subjects": list(fl.subjects),
            "regime": fl.regime.value,
        }
    nrm = ls.jurisdiction.nrm
    to_provider = f.code == "NRM_NO_PATH_TO_PROVIDER"
    spec = nrm.to_service_provider if to_provider else nrm.to_police
    return {
        "sender": f.actor,
        "recipient": "role:service_provider" if to_provider else "role:police",
        "categories": list(spec.categories),
        "purposes": [spec.purpose],
        "subjects": list(spec.subjects),
    }


def _draft(ls, f, n: int) -> dict:
    """A draft instrument built from the finding's remedy only."""
    rem = f.remedy
    perm = _permission(ls, f)
    ins = {
        "id": f"remedy-draft-{n}",
        "kind": rem.kind,
        "title": {"lv": "Tiesiskās aizsardzības līdzeklis (projekts)", "en": "Remedy (draft)"},
        "status": "draft",
        "empowered_by": [{"instrument": rem.under["instrument"], "provision": rem.under["provision"]}],
        "source": "draft: test",
        "verified": False,
        "provisions": [{"id": "p1", "ref": "1. punkts", "authorises": [perm]}],
    }
    if rem.kind == "cabinet_regulation":
        gov = [a.id for a in ls.actors.values() if a.kind == "government"]
        if gov:  # the issuer is optional for an external normative act
            ins["issuer"] = gov[0]
    elif rem.kind == "ministry_order":
        sup = [s for s in _superiors(ls, perm["sender"]) if ls.actors[s].kind == "ministry"]
        ins["issuer"] = sup[0]
    elif rem.kind == "agreement":
        rec = perm["recipient"]
        if rec.startswith("role:"):
            rec = sorted(a.id for a in ls.actors.values() if rec[5:] in a.roles)[0]
            perm["recipient"] = rec
        ins["parties"] = [perm["sender"], rec]
    return ins


def _superiors(ls, aid: str) -> list[str]:
    out, a = [], ls.actors[aid]
    while a.subordinate_to:
        out.append(a.subordinate_to)
        a = ls.actors[a.subordinate_to]
    return out


def _key(f) -> str:
    return f"{f.code}:{f.flow.id if f.flow is not None else f.actor}"


def _assert_each_closes(land_dirs: list[Path], as_of: dt.date, tmp: Path) -> int:
    ls = load_landscape(land_dirs)
    report = check_landscape(ls, as_of)
    tried = 0
    for n, f in enumerate(report.findings):
        if not _draftable(f):
            continue
        p = tmp / f"remedy-{n}.yaml"
        p.write_text(dump_yaml({"instruments": [_draft(ls, f, n)]}), encoding="utf-8")
        wi = what_if(land_dirs, [p], as_of)
        assert _key(f) in wi.closed, f"{_key(f)}: the remedy as a draft does not close it:\n{f.remedy.en}"
        tried += 1
    return tried


def test_lv_nrm_new_instrument_remedies_close_their_findings(tmp_path):
    tried = _assert_each_closes([Path("graph/lv-nrm")], AS_OF, tmp_path)
    assert tried >= 9  # today: four flow findings, five coverage findings (no police finding: CPL s.369(2)(5))


# what-if scenarios (with drafts) are left out: their findings are those after the drafts
SCENARIO_FILES = sorted(
    p for p in SCENARIOS.glob("*.yaml") if not p.name.startswith("_") and not load_scenario(p).get("with")
)


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_scenario_remedies_close_their_findings(path, tmp_path):
    data = load_scenario(path)
    land = tmp_path / "land"
    run_scenario(data, tmp_path)  # writes tmp_path/land
    as_of = data["as_of"] if isinstance(data["as_of"], dt.date) else dt.date.fromisoformat(str(data["as_of"]))
    with tempfile.TemporaryDirectory() as t:
        _assert_each_closes([land], as_of, Path(t))
