"""This file defines the verification report of an agreement (Latvian first, English second):
who signed, when, with which certificate, valid or not and why, and every problem ``verify`` found.
"""

from __future__ import annotations

__all__ = ["report_text", "report_pdf"]


def _t(x) -> str:
    return "-" if x is None else str(x)[:19]


def report_text(r: dict) -> str:
    ok = r["ok"]
    lines = [
        f"Pārbaudes ziņojums / Verification report: {r['slug']}",
        (
            "Rezultāts: viss sakrīt / Result: everything holds"
            if ok
            else f"Rezultāts: {len(r['problems'])} problēma(s) / Result: {len(r['problems'])} problem(s)"
        ),
        f"Audita ieraksti / audit entries: {r['audit_entries']}; versijas / versions: {r['versions']}; "
        f"pēdējais kontrolpunkts / last checkpoint: {_t(r.get('checkpoint'))}",
        "",
        "Paraksti / Signatures:",
    ]
    if not r["signatures"]:
        lines.append("  (nav / none)")
    for g in r["signatures"]:
        lines += [
            f"  - {g['organisation']}, versija / version {g['version']}: "
            f"{'derīgs / valid' if g['ok'] else 'NEDERĪGS / NOT VALID'}",
            f"    parakstītājs / signer: {g['signer'] or '-'}",
            f"    sertifikāts / certificate: {g['subject'] or '-'}",
            f"    sērijas nr. / serial: {g['serial'] or '-'}; izdevējs / issuer: {g['issuer'] or '-'}",
            f"    parakstīšanas laiks / signing time: {_t(g['signing_time'])}",
        ]
        if g.get("timestamp") is not None:
            lines.append(
                f"    laika zīmogs / timestamp (RFC 3161): {_t(g['timestamp'])}, "
                + ("zīmogs derīgs / token valid" if g.get("timestamp_ok") else "zīmogs NEDERĪGS / token NOT VALID")
            )
        if g.get("valid_at") is not None:
            lines.append(
                f"    sertifikāts pārbaudīts uz / certificate checked at: {_t(g['valid_at'])}: "
                + (
                    "atsaukts / REVOKED"
                    if g.get("revoked")
                    else ("derīgs tajā brīdī / valid at that time" if g["ok"] else "skatīt iemeslus / see the reasons")
                )
            )
        for p in g["problems"]:
            lines.append(f"    iemesls / reason: {p}")
    if r["problems"]:
        lines += ["", "Problēmas / Problems:"] + [f"  - {p}" for p in r["problems"]]
    if r.get("notes"):
        lines += ["", "Piezīmes / Notes:"] + [f"  - {n}" for n in r["notes"]]
    return "\n".join(lines) + "\n"


def report_pdf(r: dict) -> bytes:
    """The same report as a PDF (python-docx paragraphs, converted by LibreOffice); texts are data."""
    import io
    import tempfile
    from pathlib import Path

    import docx as python_docx

    from ...drafting.render.pdf import render_pdf

    doc = python_docx.Document()
    lines = report_text(r).splitlines()
    doc.add_heading(lines[0], level=1)
    for line in lines[1:]:
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    with tempfile.TemporaryDirectory(prefix="pamats-report-") as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(buf.getvalue())
        return render_pdf(src, Path(tmp) / "report.pdf").read_bytes()
