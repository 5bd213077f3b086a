"""This file defines importing a law from the public snapshot Ansvar-Systems/Latvian-law-mcp.

That Apache-2.0 repository stores likumi.lv consolidated texts as ``data/seed/law-<id>-<slug>.json``:
``{"id": "lv-law-<id>", "title", "title_en", "url", "provisions": [{"section", "title",
"content", …}]}``. Its scraper puts a section's heading in ``title``, except for sections
without a heading, where ``title`` holds the start of the text and ``content`` either the rest
or the whole text again behind ``"<n>.pants. "``. :func:`section_text` undoes exactly that and
nothing else: the words are the snapshot's.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import InputError, Location, relpath
from .collect import likumi_id

__all__ = ["section_text", "convert"]

_PANTS = re.compile(r"^\d+(?:\.\s?\d+)?\.\s?(?:\d+\s)?pants\.\s*")
_HEADING_NUMBER = re.compile(r"^\d+\.\s?(?:\d+\s)?pants\.\s*")


def section_text(title: str, content: str) -> tuple[str | None, str]:
    """(heading, text) of one snapshot provision."""
    title, content = (title or "").strip(), (content or "").strip()
    if title == content:  # a repealed transitional point: the same words twice
        return None, content
    if _PANTS.match(content):  # the whole text is in content, behind "3.pants. "
        return None, _PANTS.sub("", content, count=1)
    if title.startswith("(") or title.endswith((".", ":", ";")) or not title:
        return None, f"{title}\n{content}".strip()
    return _HEADING_NUMBER.sub("", title, count=1) or None, content


def convert(snapshot: Path, *, sections: list[str] | None, origin: dict, retrieved: str) -> dict:
    """Our bundled form of ``snapshot``: whole law (``sections`` None) or only the listed sections."""
    shown = relpath(snapshot)
    try:
        doc = json.loads(Path(snapshot).read_text(encoding="utf-8"))
        tail = str(doc["id"]).rsplit("-", 1)[-1]
        law = int(tail) if tail.isdigit() else likumi_id(doc.get("url"))
        if law is None:
            raise ValueError("neither its id nor its url holds a likumi.lv id")
        provisions = doc["provisions"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputError(
            f"not a Latvian-law-mcp seed file ({type(e).__name__}: {e})",
            location=Location(shown),
            hint="pass data/seed/law-<id>-<slug>.json from Ansvar-Systems/Latvian-law-mcp",
        ) from None
    have = {str(p.get("section")): p for p in provisions}
    wanted = list(have) if sections is None else sections
    unknown = [s for s in wanted if s not in have]
    if unknown:
        raise InputError(
            f"section(s) {', '.join(unknown)} not in the snapshot",
            location=Location(shown),
            hint="sections are written as the snapshot does: '13', '15.1' for 15¹, 'pn3' for transitional point 3",
        )
    out_sections = []
    for s in wanted:
        heading, text = section_text(have[s].get("title", ""), have[s].get("content", ""))
        out_sections.append({"section": s, "heading": heading, "text": text})
    return {
        "law": law,
        "jurisdiction": "lv",
        "title": {"lv": doc.get("title"), "en": doc.get("title_en")},
        "url": doc.get("url") or f"https://likumi.lv/ta/id/{law}",
        "retrieved": retrieved,
        "origin": origin,
        "scope": "whole" if sections is None else "sections",
        "sections": out_sections,
    }
