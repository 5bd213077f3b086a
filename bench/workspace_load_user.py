"""One simulated person in the workspace load test: plain HTTP the way a browser without scripts does it.

A :class:`WebUser` has its own cookie jar (docassemble's session cookie after signing in on
``/user/sign-in`` with the account's e-mail and password and the page's CSRF token), follows the
links the page itself shows (the workspace's ``url_action`` links) and submits docassemble's
form the way the browser does (every field of ``form#daform``, the text under its own encoded
field name). Requests go round-robin to the web servers given (as a load balancer in front of
two gunicorns would), so each step may land on the other server. Every request is timed and
checked: HTTP 200, no docassemble error page, and for the action the expected text; a failed
check is recorded as an error with what the page said.
"""

from __future__ import annotations

import base64
import itertools
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.etree
import lxml.html
import requests

WS = "/interview?i=docassemble.pamats:data/questions/workspace.yml"
SAVED = "Saglabāts."  # the workspace's "saved" message (Latvian UI)
NOT_DONE = "Neizdevās"  # its "not done" prefix for a refusal
DA_ERROR = re.compile(r"<title>\s*(Error|Kļūda)\b|Traceback \(most recent call last\)|class=\"da-error", re.I)


def field_name(variable: str) -> str:
    """docassemble's name of a form field: base64 of the variable name without padding."""
    return base64.b64encode(variable.encode()).decode().rstrip("=")


@dataclass
class Sample:
    action: str
    ms: float
    ok: bool
    server: str
    note: str = ""


@dataclass
class Tally:
    samples: list[Sample] = field(default_factory=list)
    acked: dict[str, list[str]] = field(default_factory=lambda: {"comment": [], "suggest": []})
    tried: dict[str, list[str]] = field(default_factory=lambda: {"comment": [], "suggest": []})


class PageError(Exception):
    pass


class WebUser:
    def __init__(self, servers: list[str], email: str, password: str, tally: Tally, timeout: float = 60):
        self.servers = itertools.cycle(servers)
        self.email, self.password, self.tally, self.timeout = email, password, tally, timeout
        self.http = requests.Session()
        self.http.headers["User-Agent"] = "pamats-workspace-load/1"
        self.http.headers["Accept-Language"] = "lv"
        self.page: lxml.html.HtmlElement | None = None
        self.url = ""

    # -- HTTP, timed ------------------------------------------------------------------------------
    def _request(self, action: str, method: str, path: str, expect: str | None = None, **kw) -> str:
        base = next(self.servers)
        url = path if path.startswith("http") else base + path
        url = re.sub(r"^http://127\.0\.0\.1:\d+", base, url)  # a link of one server, followed on the next
        t = time.perf_counter()
        note, ok, text = "", False, ""
        try:
            r = self.http.request(method, url, timeout=self.timeout, **kw)
            text = r.text
            if r.status_code != 200:
                note = f"HTTP {r.status_code}"
            elif DA_ERROR.search(text):
                note = "docassemble error page: " + _excerpt(text)
            elif NOT_DONE in text:
                note = "refused: " + _excerpt(text, NOT_DONE)
            elif expect is not None and expect not in text:
                note = f"expected {expect!r} not on the page: " + _excerpt(text)
            else:
                ok = True
        except requests.RequestException as e:
            note = f"{type(e).__name__}: {str(e)[:160]}"
        ms = (time.perf_counter() - t) * 1000
        self.tally.samples.append(Sample(action, ms, ok, base, note))
        if text.strip():  # the page the person now sees, also a refusal: its links lead on
            self.url, self.redirects = r.url, len(r.history)
            self.page = lxml.html.fromstring(text)
        if not ok:
            raise PageError(f"{action}: {note}")
        return text

    # -- what a person does -----------------------------------------------------------------------
    def sign_in(self) -> None:
        self._request("sign in (form)", "GET", "/user/sign-in")
        forms = [f for f in self.page.xpath("//form") if f.xpath(".//input[@name='csrf_token']")]
        if not forms:
            raise PageError("sign in: no form with a csrf_token on the sign-in page")
        data = {i.get("name"): i.get("value") or "" for i in forms[0].xpath(".//input[@name]")}
        data.update(email=self.email, password=self.password)
        self._request("sign in", "POST", "/user/sign-in", data=data)

    def dashboard(self) -> None:
        """The "Visi līgumi" (all agreements) link of the page shown, or the workspace's address."""
        back = self.links("Visi līgumi") if self.page is not None else []
        self._request("dashboard", "GET", urljoin(self.url, back[0]) if back else WS, expect="Mani līgumi")
        if "Mani līgumi" not in " ".join(h.text_content() for h in self.page.xpath("//h1")):
            raise PageError("dashboard: the page shown is not the dashboard")

    def links(self, label: str) -> list[str]:
        return [a.get("href") for a in self.page.xpath("//a[@href]") if label in a.text_content()]

    def open_room(self, title: str) -> None:
        hrefs = self.links(title)
        if not hrefs:
            raise PageError(f"room: no link {title!r} on the dashboard")
        self._request("room", "GET", urljoin(self.url, hrefs[0]), expect="Komentēt")

    def write(self, kind: str, label: str, text: str, index: int) -> bool:
        """Open the form behind the index-th link ``label`` in the room and submit ``text``;
        True when the page says it was saved and shows the text."""
        hrefs = self.links(label)
        if not hrefs:
            raise PageError(f"{kind}: no link {label!r} in the room")
        self._request(f"{kind} (form)", "GET", urljoin(self.url, hrefs[index % len(hrefs)]), expect="Teksts")
        forms = self.page.xpath("//form[@id='daform']")
        if not forms:
            raise PageError(f"{kind}: no form on the page")
        form = forms[0]
        data = {
            i.get("name"): i.get("value") or ""
            for i in form.xpath(".//input[@name]")
            if (i.get("type") or "text") not in ("checkbox", "radio", "submit")
        }
        data[field_name("ws_text")] = text
        action = urljoin(self.url, form.get("action") or self.url)
        self.tally.tried[kind].append(text)
        self._request(kind, "POST", action, expect=SAVED, data=data)
        if text not in self.page.text_content():
            raise PageError(f"{kind}: saved, but the room does not show the text")
        self.tally.acked[kind].append(text)
        return True

    def health(self) -> None:
        self._request("reference: /health_check", "GET", "/health_check")

    def plain_page(self, interview: str) -> None:
        self._request("reference: interview screen", "GET", f"/interview?i={interview}")


def _excerpt(text: str, near: str | None = None) -> str:
    """What the screen says (docassemble's #daquestion, else the page), flattened."""
    try:
        q = lxml.html.fromstring(text).xpath("//*[@id='daquestion']")
        text = q[0].text_content() if q else text
    except (ValueError, lxml.etree.ParserError):
        pass
    flat = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
    k = flat.find(near) if near else -1
    return flat[max(k, 0) : max(k, 0) + 300] if k >= 0 else flat[:300]
