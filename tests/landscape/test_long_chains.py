"""Chains of any length: a 10,000-link empowerment chain (and a cycle of that length) give a
verdict or a clear error, never a RecursionError traceback (networkx walks them)."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from pamats.cli.main import _register, cli
from pamats.landscape.check import check_landscape
from pamats.landscape.load import load_landscape
from pamats.yamlio import dump_yaml

N = 10_000
AS_OF = dt.date(2026, 11, 28)


def _chain(tmp_path, *, law_in_force: bool, cycle: bool = False):
    instruments = [
        {
            "id": "law",
            "kind": "law",
            "title": {"lv": "Likums"},
            "source": "test",
            "verified": True,
            "status": "in_force" if law_in_force else "repealed",
            "provisions": [{"id": "s1", "ref": "1. pants", "empowers": ["cabinet_regulation"]}],
        }
    ]
    # reg-0 under the law, reg-i under reg-(i-1): a cabinet regulation cannot empower another, so
    # only reg-0 holds; the point is that the loader's and the checker's walks finish and explain,
    # whatever the length (the loader's recursive cycle search died here with a RecursionError)
    for i in range(N):
        up = {"instrument": "law", "provision": "s1"} if i == 0 else {"instrument": f"reg-{i - 1}", "provision": "p"}
        instruments.append(
            {
                "id": f"reg-{i}",
                "kind": "cabinet_regulation",
                "title": {"lv": f"Noteikumi {i}"},
                "source": "test",
                "verified": True,
                "empowered_by": [up],
                "provisions": [{"id": "p", "ref": "1. punkts", "empowers": ["cabinet_regulation"]}],
            }
        )
    if cycle:
        instruments[1]["empowered_by"] = [{"instrument": f"reg-{N - 1}", "provision": "p"}]
    actors = [
        {"id": "a", "name": {"lv": "A"}, "kind": "state_institution", "public_authority": True},
        {"id": "b", "name": {"lv": "B"}, "kind": "ngo", "public_authority": False},
    ]
    last = instruments[-1]
    last["provisions"][0]["authorises"] = [
        {
            "sender": "a",
            "recipient": "b",
            "categories": ["identity"],
            "purposes": ["referral"],
            "subjects": ["possible_victim"],
        }
    ]
    flows = [
        {
            "id": "a-b",
            "sender": "a",
            "recipient": "b",
            "categories": ["identity"],
            "purpose": "referral",
            "subjects": ["possible_victim"],
        }
    ]
    d = tmp_path / "land"
    d.mkdir()
    (d / "landscape.yaml").write_text(
        dump_yaml(
            {
                "landscape": {"id": "long", "title": {"lv": "Garš"}, "jurisdiction": "lv"},
                "actors": actors,
                "instruments": instruments,
                "flows": flows,
            }
        ),
        encoding="utf-8",
    )
    return d


def test_a_ten_thousand_link_chain_gives_a_finding_not_a_traceback(tmp_path):
    ls = load_landscape([_chain(tmp_path, law_in_force=True)])
    rep = check_landscape(ls, AS_OF)
    [f] = [f for f in rep.findings if f.key == "BROKEN_EMPOWERMENT:a-b"]
    assert f.code == "BROKEN_EMPOWERMENT"
    text = " ".join(fl.en for c in f.candidates for fl in c.failures)
    assert "reg-9998 1. punkts is not of higher rank than a Cabinet regulation" in text
    assert len(text) < 2_000  # one explanation, not one per link


def test_a_ten_thousand_link_cycle_is_a_clear_error(tmp_path):
    _register()
    r = CliRunner().invoke(cli, ["gaps", str(_chain(tmp_path, law_in_force=True, cycle=True)), "--as-of", "2026-11-28"])
    assert r.exit_code == 2, r.output
    assert "cycle in empowering chain: reg-0 -> " in r.output and "Traceback" not in r.output


def test_a_problem_at_the_top_of_a_valid_chain_is_named_once_below(tmp_path):
    """law (repealed) -> regulation -> order: the order's finding names the regulation it came
    through and the cause at the top (the repealed law), once."""
    from pamats.landscape.index import build_index

    d = tmp_path / "l"
    d.mkdir()
    (d / "l.yaml").write_text(
        dump_yaml(
            {
                "landscape": {"id": "t", "title": {"lv": "T"}, "jurisdiction": "lv"},
                "actors": [{"id": "iem", "name": {"lv": "IeM"}, "kind": "ministry", "public_authority": True}],
                "instruments": [
                    {
                        "id": "law",
                        "kind": "law",
                        "title": {"lv": "L"},
                        "source": "t",
                        "verified": True,
                        "status": "repealed",
                        "provisions": [{"id": "s1", "ref": "1. pants", "empowers": ["cabinet_regulation"]}],
                    },
                    {
                        "id": "reg",
                        "kind": "cabinet_regulation",
                        "title": {"lv": "R"},
                        "source": "t",
                        "verified": True,
                        "empowered_by": [{"instrument": "law", "provision": "s1"}],
                        "provisions": [{"id": "p", "ref": "1. punkts", "empowers": ["ministry_order"]}],
                    },
                    {
                        "id": "ord",
                        "kind": "ministry_order",
                        "title": {"lv": "O"},
                        "source": "t",
                        "verified": True,
                        "issuer": "iem",
                        "empowered_by": [{"instrument": "reg", "provision": "p"}],
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    ix = build_index(load_landscape([d]), AS_OF)
    ok, problems = ix.empowerment["ord"]
    assert not ok and len(problems) == 1
    lv, en = problems[0]
    assert en.startswith("reg: ") and "law" in en and "not in force" in en
