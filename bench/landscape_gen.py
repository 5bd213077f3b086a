"""Generates synthetic landscapes for benchmarks: N flows, with actors, instruments and provisions.

Usage: python bench/landscape_gen.py FLOWS OUT_DIR [--seed S]

Shape (per 1,000 flows): ~40 actors (a ministry tree, NGOs with roles), ~50 instruments
(laws, Cabinet regulations under them, ministry orders, agreements) with 4 provisions each,
and flows drawn among the actors with real vocabulary ids from jurisdiction lv. About
three in four flows are covered (10% of flows have no candidate at all; orders and
agreements carrying a public authority's disclosure are too low in rank; a few instruments
are repealed; a few flows carry data their provision does not allow): every finding code
but the empowerment ones occurs.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

CATS = ["identity", "contact", "nationality_status", "case_circumstances", "service_data", "health"]
PURPOSES = ["referral", "identification", "rehabilitation", "service_decision", "criminal_investigation"]
SUBJECTS = ["possible_victim", "victim", "person"]


def generate(n_flows: int, out: Path, seed: int = 1) -> dict:
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    n_actors = max(20, n_flows // 25)
    n_instr = max(10, n_flows // 20)
    actors = [
        {"id": "mk", "name": {"lv": "MK"}, "kind": "government", "public_authority": True},
        {
            "id": "min0",
            "name": {"lv": "Ministrija 0"},
            "kind": "ministry",
            "public_authority": True,
            "subordinate_to": "mk",
        },
    ]
    for i in range(n_actors):
        public = i % 3 != 0
        a = {
            "id": f"a{i}",
            "name": {"lv": f"Iestāde {i}", "en": f"Institution {i}"},
            "kind": "state_institution" if public else "ngo",
            "public_authority": public,
            "roles": [],
        }
        if public:
            a["subordinate_to"] = "min0"
        if i % 7 == 0:
            a["roles"].append("first_contact")
        if i % 11 == 0:
            a["roles"].append("service_provider")
        if i % 13 == 0:
            a["roles"].append("police")
        actors.append(a)
    ids = [a["id"] for a in actors[2:]]
    instruments = []
    n_laws = max(2, n_instr // 10)
    for i in range(n_laws):
        instruments.append(
            {
                "id": f"law{i}",
                "kind": "law",
                "title": {"lv": f"Likums {i}"},
                "source": "synthetic",
                "verified": False,
                "provisions": [
                    {
                        "id": "s1",
                        "ref": "1. pants",
                        "empowers": ["cabinet_regulation", "ministry_order", "agreement"],
                        "topics": ["victim_assistance", "law_enforcement"],
                    }
                ],
            }
        )
    for i in range(n_instr):
        kind = rnd.choices(["cabinet_regulation", "ministry_order", "agreement"], [8, 1, 1])[0]
        ins = {
            "id": f"i{i}",
            "kind": kind,
            "title": {"lv": f"Akts {i}"},
            "source": "synthetic",
            "verified": False,
            "empowered_by": [{"instrument": f"law{rnd.randrange(n_laws)}", "provision": "s1"}],
            "provisions": [],
        }
        if rnd.random() < 0.05:
            ins["status"] = "repealed"
        if kind == "ministry_order":
            ins["issuer"] = "min0"
        for p in range(4):
            s, r = rnd.sample(ids, 2)
            ins["provisions"].append(
                {
                    "id": f"p{p}",
                    "ref": f"{p + 1}. punkts",
                    "authorises": [
                        {
                            "sender": s,
                            "recipient": r,
                            "categories": rnd.sample(CATS, 3),
                            "purposes": ["victim_assistance", "law_enforcement"],
                            "subjects": ["person"],
                        }
                    ],
                }
            )
        if kind == "agreement":
            ins["parties"] = sorted(
                {pp["authorises"][0]["sender"] for pp in ins["provisions"]}
                | {pp["authorises"][0]["recipient"] for pp in ins["provisions"]}
            )
        instruments.append(ins)
    perms = [
        (pp["authorises"][0], ins) for ins in instruments for pp in ins.get("provisions", []) if pp.get("authorises")
    ]
    flows = []
    for i in range(n_flows):
        if rnd.random() < 0.9:
            perm, _ = rnd.choice(perms)
            s, r = perm["sender"], perm["recipient"]
            cats = rnd.sample(perm["categories"], 2) if rnd.random() < 0.9 else rnd.sample(CATS, 2)
        else:
            s, r = rnd.sample(ids, 2)
            cats = rnd.sample(CATS, 2)
        flows.append(
            {
                "id": f"f{i}",
                "sender": s,
                "recipient": r,
                "categories": cats,
                "purpose": rnd.choice(PURPOSES),
                "subjects": [rnd.choice(SUBJECTS)],
            }
        )

    def dump(obj, name):
        return (out / name).write_text(yaml.safe_dump(obj, allow_unicode=True, sort_keys=False), encoding="utf-8")

    dump(
        {"landscape": {"id": "synthetic", "title": {"lv": "Sintētiska ainava"}, "jurisdiction": "lv"}}, "landscape.yaml"
    )
    dump({"actors": actors}, "actors.yaml")
    dump({"instruments": instruments}, "instruments.yaml")
    chunk = 10_000
    for k in range(0, n_flows, chunk):
        dump({"flows": flows[k : k + chunk]}, f"flows-{k // chunk:03d}.yaml")
    return {
        "actors": len(actors),
        "instruments": len(instruments),
        "provisions": sum(len(i["provisions"]) for i in instruments),
        "flows": n_flows,
    }


if __name__ == "__main__":
    n = int(sys.argv[1])
    print(generate(n, Path(sys.argv[2]), int(sys.argv[4]) if len(sys.argv) > 4 else 1))
