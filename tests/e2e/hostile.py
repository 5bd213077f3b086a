"""Hostile answers through the browser and the DOCX the server then gives (issue 16), shared by
the amendment's hostile test and the Latvian walks (test_latvian.py).

``refusals(limit)``: the answers every checked text field must refuse and the Latvian message
each gets (spaces only, ``<script>``, ``<img onerror>``, ``<b>``, 5,000 characters);
``submit(driver, take)``: answer the screen and wait for the next screen or for the messages
the screen shows instead; ``with_value(take, var, value)``: the scenario's answers but one;
``until(driver, take, title)``: answer screens until the heading is title;
``download_docx(driver)``: the DOCX linked from the final screen, fetched with the browser's
session; ``docx_text(data)``: its paragraphs and table cells; ``hidden_characters(data)``:
zero-width, bidirectional and control characters anywhere in the text of its XML parts.
"""

from __future__ import annotations

import io
import re
import time
import zipfile

import browser
import screens

# invisible in a document and surviving copy and paste: C0/C1 controls (not tab, newline,
# carriage return), soft hyphen, zero-width and joiner characters, bidirectional marks and
# overrides, word joiner and invisible operators, the byte-order mark, non-characters
HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufffe\uffff]"
)


def refusals(limit: int) -> list[tuple[str, tuple[str, ...]]]:
    """(answer, the Latvian messages it may get) for a required text field that takes at most
    limit characters (pamats.interview.screen.LIMITS). Spaces only: docassemble's page trims
    a text field when the focus leaves it (app.js, daInjectTrim on jQuery validate's
    onfocusout), so on a screen where the focus moves on to another field the spaces are gone
    and its own "required" message shows; a field still holding them when the form is sent
    gets the server's message. Either is a Latvian refusal on the same screen."""
    return [
        ("   \t ", ("Aizpildiet šo lauku: tajā ir tikai atstarpes.", screens.message("This field is required.", "lv"))),
        ("Kārtība <script>alert(1)</script>", ("Tekstā ir HTML vai XML iezīme „script”",)),
        ('Kārtība <img src=x onerror="alert(2)">', ("Tekstā ir HTML vai XML iezīme „img”",)),
        ("Kārtība <b>treknā</b>", ("Tekstā ir HTML vai XML iezīme „b”",)),
        ("x" * 5000, (f"Teksts ir par garu: 5000 rakstzīmes, šajā laukā atļautas ne vairāk kā {limit}.",)),
    ]


def body(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "body").text


def with_value(take, var: str, value: str):
    """take, but var (in any of its spellings: parties[i].name, parties[0].name) is answered with
    value, pasted whole."""
    from rest import generic_spelling

    def t(name: str, consume: bool = True):
        if name == var or generic_spelling(name) == generic_spelling(var):
            return True, browser.Pasted(value)
        return take(name, consume)

    return t


def submit(driver, take, timeout: float = 180) -> str:
    """Answer the screen with take and press its button; wait for the next screen (the server's
    answer) or for messages the browser shows without sending (the required check). Returns the
    messages the screen then shows under its fields, one per line ("" when it moved on without any)."""
    form = browser.current_form(driver)
    before = set(screens.error_messages(driver))  # messages of an earlier try are not this answer's
    assert form is not None and browser.fill_screen(driver, take), f"nothing to answer on {browser.heading(driver)!r}"
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            form.is_enabled()  # raises once the server's screen replaced the form
            shown = [m for m in screens.error_messages(driver) if m not in before]
        except Exception:  # the form (or a message) went stale: the server's screen is coming
            browser.wait_for_screen(driver, timeout)
            time.sleep(0.3)
            return "\n".join(screens.error_messages(driver))
        if shown:
            return "\n".join(shown)
        time.sleep(0.2)
    raise AssertionError(f"{browser.heading(driver)!r}: no new screen and no message after {timeout} s")


def until(driver, take, title: str, max_steps: int = 60) -> None:
    """Answer screens with take until the one headed title."""
    for _ in range(max_steps):
        if browser.heading(driver) == title:
            return
        form = browser.current_form(driver)
        assert form is not None and browser.fill_screen(driver, take), f"stopped at {browser.heading(driver)!r}"
        browser.wait_for_next(driver, form)
    raise AssertionError(f"never reached {title!r}")


def download_docx(driver, skip: tuple[str, ...] = ()) -> bytes:
    """The first DOCX linked from the screen (links containing a skip text left out), fetched
    with the browser's cookies."""
    import requests
    from selenium.webdriver.common.by import By

    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href*='.docx']")]
    links = [h for h in links if not any(s in h for s in skip)]
    assert links, f"{browser.heading(driver)!r} offers no DOCX"
    http = requests.Session()
    for c in driver.get_cookies():
        http.cookies.set(c["name"], c["value"])
    r = http.get(links[0], timeout=180)
    r.raise_for_status()
    assert r.content[:2] == b"PK", "the download is not a DOCX"
    return r.content


def docx_document(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def docx_text(data: bytes) -> tuple[list[str], list[str]]:
    """The DOCX's non-empty paragraphs and its table cells."""
    d = docx_document(data)
    paras = [p.text for p in d.paragraphs if p.text.strip()]
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return paras, cells


def hidden_characters(data: bytes) -> list[str]:
    """Every hidden character in the text of the DOCX's XML parts (document, headers, footers,
    notes, properties), as 'part: U+200B in …context…'."""
    from lxml import etree

    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if not name.endswith(".xml") and not name.endswith(".rels"):
                continue
            root = etree.fromstring(z.read(name))
            texts = list(root.itertext()) + [v for el in root.iter() for v in el.attrib.values()]
            for text in texts:
                for m in HIDDEN.finditer(text):
                    at = m.start()
                    found.append(f"{name}: U+{ord(m.group(0)):04X} in {text[max(0, at - 30) : at + 30]!r}")
    return found


def review_items(driver) -> list[str]:
    """The text of each item of a review screen, as shown (its "Labot" link included)."""
    from selenium.webdriver.common.by import By

    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".da-review")]


_SOURCE_LINES_JS = r"""
return Array.from(document.querySelectorAll('.da-review')).map(e => {
  const c = e.cloneNode(true);
  c.querySelectorAll('br').forEach(b => b.replaceWith('\n'));
  c.querySelectorAll('p, div, li, a.da-review-action').forEach(b => b.append('\n'));
  return c.textContent;
});
"""


def review_item_lines(driver) -> list[str]:
    """The text of each review item with the line breaks of the item's text kept (a browser
    shows two lines of one Markdown paragraph as one line: review_text.review_lines needs
    them apart, as the in-process test has them)."""
    return list(driver.execute_script(_SOURCE_LINES_JS))
