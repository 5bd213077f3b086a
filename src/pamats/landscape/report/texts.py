"""This file defines the fixed report wording, Latvian and English, and small helpers."""

from __future__ import annotations

__all__ = ["T", "t", "tx", "CODE_TITLES", "is_whatif", "source_rows", "comparison_rows", "flow_info"]

T = {
    "title": ("Tiesiskā pamata nepilnību ziņojums", "Legal-basis gap report"),
    "whatif_title": ("Tiesiskā pamata nepilnību ziņojums: ietekme, ja projekti tiktu pieņemti", "Legal-basis gap report: what if the drafts were adopted"),
    "landscape": ("Ainava", "Landscape"),
    "as_of": ("Datums", "As of"),
    "drafts": ("Projekti, kas uzskatīti par pieņemtiem", "Drafts treated as adopted"),
    "summary": ("Kopsavilkums", "Summary"),
    "flows": ("Datu plūsmas", "Data flows"),
    "covered": ("ar tiesisko pamatu", "with a legal basis"),
    "findings": ("Konstatējumi", "Findings"),
    "no_findings": ("Nepilnību nav: katrai plūsmai ir pietiekams tiesiskais pamats.", "No gaps: every flow has a sufficient legal basis."),
    "code": ("Kods", "Code"),
    "flow": ("Plūsma", "Flow"),
    "actor": ("Iestāde", "Institution"),
    "data": ("Dati", "Data"),
    "purpose": ("Mērķis", "Purpose"),
    "subjects": ("Datu subjekti", "Data subjects"),
    "candidates": ("Izvērtētās normas", "Provisions considered"),
    "no_candidates": ("Nav nevienas normas, kas attiektos uz šiem dalībniekiem.", "No provision concerns these parties."),
    "remedy": ("Risinājums", "Remedy"),
    "under": ("Izdodams saskaņā ar", "To be issued under"),
    "then": ("Pēc tam", "Then"),
    "interview": ("Intervija", "Interview"),
    "basis": ("Tiesiskais pamats", "Legal basis"),
    "closed": ("Novērstās nepilnības", "Gaps closed"),
    "remaining": ("Palikušās nepilnības", "Gaps remaining"),
    "opened": ("Jaunas nepilnības", "Gaps opened"),
    "before": ("Pirms", "Before"),
    "after": ("Pēc", "After"),
    "covered_flows": ("Plūsmas ar pamatu", "Covered flows"),
    "graph": ("Ainavas attēls", "Picture of the landscape"),
    "no_dot": ("Graphviz (dot) nav pieejams: attēls nav izveidots.", "Graphviz (dot) is not available: no picture was drawn."),
    "none": ("nav", "none"),
    "sources": ("Avoti", "Sources"),
    "sources_note": ("Tiesību akti, uz kuriem atsaucas ziņojums (pamati, izvērtētās normas, pilnvarojošās normas).",
                     "Instruments the report cites (bases, provisions considered, empowering provisions)."),
    "sources_nograph": ("Avotu adreses nav pieejamas: ziņojums veidots tikai no JSON.",
                        "Source addresses are not available: the report was built from the JSON alone."),
    "verified": ("pārbaudīts", "verified"),
    "unverified": ("NAV PĀRBAUDĪTS", "NOT VERIFIED"),
    "generated": ("Sagatavots", "Generated"),
    "comparison": ("Salīdzinājums: pirms un pēc", "Comparison: before and after"),
    "key": ("Konstatējums", "Finding"),
    "status": ("Statuss", "Status"),
    "st_closed": ("novērsts", "closed"),
    "st_remaining": ("paliek", "remaining"),
    "st_opened": ("jauns", "opened"),
    "description": ("Apraksts", "Description"),
    "flow_source": ("Plūsmas avots", "Where the flow is described"),
}

CODE_TITLES = {
    "NO_BASIS": ("Nav tiesiskā pamata", "No legal basis"),
    "PURPOSE_NOT_COVERED": ("Mērķis nav aptverts", "Purpose not covered"),
    "EXCESS_DATA": ("Pārmērīgi dati", "Excess data"),
    "NOT_BINDING": ("Akts nesaista sūtītāju", "Instrument does not bind the sender"),
    "NOT_IN_FORCE": ("Akts nav spēkā", "Instrument not in force"),
    "RANK_TOO_LOW": ("Par zemu akta rangs", "Rank too low"),
    "BROKEN_EMPOWERMENT": ("Pārrauta pilnvarojuma ķēde", "Broken empowering chain"),
    "NRM_NO_PATH_TO_PROVIDER": ("Nav ceļa līdz pakalpojuma sniedzējam", "No path to a service provider"),
    "NRM_NO_PATH_TO_POLICE": ("Nav ceļa līdz policijai", "No path to the police"),
}


def t(key: str, lang: str) -> str:
    lv, en = T[key]
    return en if lang == "en" else lv


def tx(d: dict | None, lang: str) -> str:
    """Pick the language from a {"lv": …, "en": …} dict."""
    if not d:
        return ""
    return (d.get("en") if lang == "en" and d.get("en") else d.get("lv")) or ""


def code_title(code: str, lang: str) -> str:
    lv, en = CODE_TITLES.get(code, (code, code))
    return en if lang == "en" else lv


def is_whatif(report: dict) -> bool:
    return report.get("schema") == "pamats.what-if/1"


def source_rows(report: dict, graph: dict | None, lang: str) -> list[dict]:
    """One row per cited instrument: ``title``, ``refs`` (with unverified ones marked), ``source``, ``verified``."""
    from .graph_data import cited_instruments

    by_id = {i["id"]: i for i in (graph or {}).get("instruments", [])}
    rows: dict[str, dict] = {}
    for ins, prov, ref in cited_instruments(report):
        meta = by_id.get(ins)
        row = rows.get(ins)
        if row is None:
            row = rows[ins] = {"instrument": ins, "refs": [],
                               "title": tx(meta["title"], lang) if meta else ins,
                               "short": (meta or {}).get("short"),
                               "source": meta["source"] if meta else None,
                               "verified": meta["verified"] if meta else None}
        pmeta = (meta or {}).get("provisions", {}).get(prov or "")
        label = ref
        if pmeta is not None:
            label = pmeta["ref"]
            if pmeta.get("verified") is False:
                label += f" ({t('unverified', lang)})"
        if label not in row["refs"]:
            row["refs"].append(label)
    return sorted(rows.values(), key=lambda r: r["instrument"])


def comparison_rows(whatif: dict) -> list[tuple[str, str, bool, bool]]:
    """(finding key, status, in before, in after) for every finding of a what-if, closed first."""
    rows = [(k, "closed", True, False) for k in whatif["closed"]]
    rows += [(k, "remaining", True, True) for k in whatif["remaining"]]
    rows += [(k, "opened", False, True) for k in whatif["opened"]]
    return rows


def flow_info(graph: dict | None, flow_id: str | None) -> dict | None:
    """The graph's record of a flow (description, source), if a graph was given."""
    if not graph or not flow_id:
        return None
    return next((f for f in graph.get("flows", []) if f["id"] == flow_id), None)
