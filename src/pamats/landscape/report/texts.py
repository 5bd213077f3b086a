"""This file defines the fixed report wording, Latvian and English, and small helpers."""

from __future__ import annotations

__all__ = ["T", "t", "tx", "CODE_TITLES", "is_whatif"]

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
