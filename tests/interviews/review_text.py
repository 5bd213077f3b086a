"""The review screen's text as a reader sees it, to compare with the DOCX (issue 16).

``review_lines(item)`` is the one normalisation the in-process test (test_review_matches_docx.py,
on the review item's Markdown) and the browser test (tests/e2e/test_latvian.py, on the rendered
item's text) both use: lines, HTML entities decoded, the review's own bold marks and line breaks
gone, the review's own words dropped (a "Label:" line or prefix, the "Labot"/"Edit" link)."""

from __future__ import annotations

import html
import re

EDIT_LINKS = ("Labot", "Edit")


def review_lines(item: str) -> list[str]:
    """A review item's text as a reader sees it: lines, entities decoded, no bold marks, a
    leading 'Label:' (the review's own words, not the document's) dropped."""
    # the review's own bold marks go first; the user's "**" are character references
    text = html.unescape(item.replace("**", "").replace("<br>", "\n"))
    lines = [
        ln.strip()
        for ln in text.splitlines()
        if ln.strip() and ln.strip() not in EDIT_LINKS and not re.match(r"^[\w -]{1,40}:$", ln.strip())
    ]
    return [re.sub(r"^[A-ZĀČĒĢĪĶĻŅŠŪŽ][\w -]{0,40}: ", "", ln) for ln in lines]
