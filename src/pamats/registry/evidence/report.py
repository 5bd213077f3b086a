"""This file defines the verification report of an agreement (Latvian first, English second):
who signed, when, with which certificate, valid or not and why, and every problem ``verify`` found.
"""

from __future__ import annotations

__all__ = ["report_text"]


def _t(x) -> str:
    return "-" if x is None else str(x)[:19]


def report_text(r: dict) -> str:
    ok = r["ok"]
    lines = [f"Pārbaudes ziņojums / Verification report: {r['slug']}",
             ("Rezultāts: viss sakrīt / Result: everything holds" if ok
              else f"Rezultāts: {len(r['problems'])} problēma(s) / Result: {len(r['problems'])} problem(s)"),
             f"Audita ieraksti / audit entries: {r['audit_entries']}; versijas / versions: {r['versions']}; "
             f"pēdējais kontrolpunkts / last checkpoint: {_t(r.get('checkpoint'))}", "",
             "Paraksti / Signatures:"]
    if not r["signatures"]:
        lines.append("  (nav / none)")
    for g in r["signatures"]:
        lines += [f"  - {g['organisation']}, versija / version {g['version']}: "
                  f"{'derīgs / valid' if g['ok'] else 'NEDERĪGS / NOT VALID'}",
                  f"    parakstītājs / signer: {_t(g['signer'])}",
                  f"    sertifikāts / certificate: {_t(g['subject']) if g['subject'] else '-'}",
                  f"    sērijas nr. / serial: {_t(g['serial'])}; izdevējs / issuer: {g['issuer'] or '-'}",
                  f"    parakstīšanas laiks / signing time: {_t(g['signing_time'])}"]
        for p in g["problems"]:
            lines.append(f"    iemesls / reason: {p}")
    if r["problems"]:
        lines += ["", "Problēmas / Problems:"] + [f"  - {p}" for p in r["problems"]]
    if r.get("notes"):
        lines += ["", "Piezīmes / Notes:"] + [f"  - {n}" for n in r["notes"]]
    return "\n".join(lines) + "\n"
