"""The workspace in one language at a time, Latvian first: the dashboard, the room, the redline
and the organisation page show no label of the other language; every action's message comes in
the user's language; the language is the account's own (docassemble's user profile), can be
switched on any page for the session, and is Latvian when the account names neither."""

from __future__ import annotations

import html
import re
import string

import pytest
from test_workspace_interview import ANNA, JURIS, SLUG, registry  # noqa: F401  (fixture)

from pamats.interview.workspace_texts import TEXTS
from pamats.registry.workspace import Principal

ANNA_LV = {**ANNA, "language": "lv"}
JURIS_EN = {**JURIS, "language": "en"}
# the labels interviews/workspace.yml writes itself (the rest come from the word tables)
YAML_LABELS = {
    "lv": ["Visi līgumi", "Atcelt", "Mani līgumi", "Izmaiņas", "Organizācija un dalībnieki"],
    "en": ["All agreements", "Cancel", "My agreements", "Changes", "Organisation and members"],
}
# what people wrote (titles, points, comments, addresses, keys): data, shown as written
USER_TEXT = [
    "Sadarbības līgums",
    "Vispārīgie noteikumi",
    "Puses sadarbojas.",
    "Robežsardze informē MARTA.",
    "Robežsardze nekavējoties informē MARTA.",
    "Puses sadarbojas cieši.",
    "Vai pietiek?",
    "Jā, pietiek.",
    "Lūdzu precizēt.",
    "anna@marta.example",
    "juris@vrs.example",
    "marta-vrs",
    "MARTA",
    "VRS",
    "VP",
    "marta",
    "vrs",
    "vp",
]


def _words(lang: str) -> list[str]:
    """Every label of ``lang`` as literal pieces (the parts between {places}), 3+ letters."""
    out = set(YAML_LABELS[lang])
    for text in TEXTS[lang].values():
        for literal, *_ in string.Formatter().parse(text):
            piece = literal.strip(' ·:()#→,.!"')
            if sum(ch.isalpha() for ch in piece) >= 3:
                out.add(piece)
    return sorted(out, key=len, reverse=True)


def _visible(screen) -> str:
    """The page's text as a reader sees it, without the link to the other language (marked lang=)
    and without what people wrote."""
    page = re.sub(r'<a [^>]*\blang="(lv|en)"[^>]*>.*?</a>', " ", screen.text + "\n" + screen.subquestion)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    for t in sorted(USER_TEXT, key=len, reverse=True):
        text = text.replace(t, " ")
    return text


def _foreign(screen, lang: str) -> list[str]:
    """The other language's labels found on a page meant to be in ``lang``."""
    other = "en" if lang == "lv" else "lv"
    text = _visible(screen)
    own = set(_words(lang))
    return [w for w in _words(other) if w not in own and re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text)]


@pytest.fixture
def busy(registry):  # noqa: F811
    """An agreement with everything a room shows: open and resolved threads with replies, a
    suggestion of each party, two versions (so a redline), a member invited to MARTA."""
    anna, juris = Principal(11, ANNA["email"]), Principal(21, JURIS["email"])
    registry.login(juris)
    registry.comment(anna, SLUG, "p1", "Vai pietiek?")
    done = registry.comment(juris, SLUG, "p2", "Lūdzu precizēt.")
    registry.reply(anna, SLUG, done, "Jā, pietiek.")
    registry.resolve_thread(anna, SLUG, done)
    first = registry.suggest(juris, SLUG, "p2", "replace", "Robežsardze nekavējoties informē MARTA.")
    registry.accept(anna, SLUG, [first])
    registry.suggest(juris, SLUG, "p1", "replace", "Puses sadarbojas cieši.")
    registry.suggest(anna, SLUG, "p2", "delete", None)
    registry.invite(anna, "marta", "maija@marta.example", "member")
    USER_TEXT.append("maija@marta.example")
    return registry


def _session(da, user):
    s = da.Session(da.load_interview("workspace.yml"), user=user)
    s.run(until="workspace page")
    return s


@pytest.mark.parametrize("user, lang, title", [(ANNA_LV, "lv", "Mani līgumi"), (JURIS_EN, "en", "My agreements")])
def test_every_page_is_in_one_language(da, busy, user, lang, title):
    s = _session(da, user)
    pages = {"dashboard": s.screen}
    assert s.screen.text == title and s.screen.language == lang
    s.action("ws_open", slug=SLUG)
    pages["room"] = s.screen
    red = [x["arguments"] for x in s.link_actions() if x["action"] == "ws_redline"]
    s.action("ws_redline", **red[0])
    pages["redline"] = s.screen
    s.action("ws_org")
    pages["organisation"] = s.screen
    s.action("ws_form", kind="comment", slug=SLUG, node="p1")
    pages["form"] = s.screen
    room = pages["room"].subquestion
    # the room really shows what the labels label: threads, both parties' suggestions, versions
    for key in ("accept", "reject", "withdraw", "reply", "reopen", "changes_against", "resolved", "open"):
        assert TEXTS[lang][key].split("{")[0].strip(" #") in room, key
    assert {"lv": "pieņemti ierosinājumi #1", "en": "accepted suggestions #1"}[lang] in html.unescape(
        room
    )  # a version's note
    for name, screen in pages.items():
        assert screen.language == lang, name
        assert not _foreign(screen, lang), (name, _foreign(screen, lang))
    # and the check can fail: a page of the other language is caught
    other = "en" if lang == "lv" else "lv"
    assert _foreign(pages["room"], other)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_action_says_what_happened_in_the_users_language(da, registry, lang):  # noqa: F811
    t = TEXTS[lang]
    other = TEXTS["en" if lang == "lv" else "lv"]
    anna = _session(da, {**ANNA, "language": lang})
    juris = _session(da, {**JURIS, "language": lang})
    reg = registry

    def said(s, key, **values):
        text = s.screen.subquestion
        assert t[key].format(**values) in text, (key, text[:400])
        assert other[key].format(**values) not in text
        return text

    def refused(s):
        text = said(s, "not_done").split(t["not_done"])[1]
        message = html.unescape(re.sub(r"<[^>]+>", "\n", text)).split("\n\n")[0]
        assert " / " not in message, message  # one half of the core's message only
        return message

    def form(s, text, **args):
        s.action("ws_form", **args)
        assert s.screen.asks == ["ws_text"] and s.screen.text == t["form_" + args["kind"]]
        s.run({"ws_text": text}, until="workspace page")

    form(anna, "Vai pietiek?", kind="comment", slug=SLUG, node="p1")
    said(anna, "saved")
    cid = reg.room(Principal(11, ANNA["email"]), SLUG)["points"][1]["threads"][0]["id"]
    form(juris, "Jā.", kind="reply", slug=SLUG, comment=cid)
    said(juris, "saved")
    for kind in ("resolve", "reopen"):
        anna.action("ws_do", kind=kind, slug=SLUG, comment=cid)
        said(anna, "saved")
    form(juris, "Robežsardze nekavējoties informē MARTA.", kind="replace", slug=SLUG, node="p2", version=1)
    said(juris, "saved")
    sid = reg.suggestions(Principal(21, JURIS["email"]), SLUG)[0]["id"]
    anna.action("ws_do", kind="accept", slug=SLUG, suggestion=sid, version=1)
    said(anna, "version_created", number=2)
    anna.action("ws_do", kind="accept", slug=SLUG, suggestion=sid, version=1)  # replayed
    refused(anna)
    form(juris, "Puses sadarbojas cieši.", kind="insert_after", slug=SLUG, node="p1", version=2)
    said(juris, "saved")
    sid2 = [x for x in reg.suggestions(Principal(21, JURIS["email"]), SLUG) if x["status"] == "open"][0]["id"]
    form(anna, "Nav vajadzīgs.", kind="reject", slug=SLUG, suggestion=sid2)
    said(anna, "saved")
    anna.action("ws_do", kind="delete", slug=SLUG, node="p1", version=2)
    said(anna, "saved")
    sid3 = [x for x in reg.suggestions(Principal(11, ANNA["email"]), SLUG) if x["status"] == "open"][0]["id"]
    anna.action("ws_do", kind="withdraw", slug=SLUG, suggestion=sid3)
    said(anna, "saved")
    form(anna, "Robežsardze informē MARTA tūlīt.", kind="edit", slug=SLUG, node="p2", version=2)
    said(anna, "version_created", number=3)
    form(juris, "Robežsardze informē MARTA vēlāk.", kind="edit", slug=SLUG, node="p2", version=2)  # stale
    text = said(juris, "conflict")
    assert t["your_text"] in text and t["current_text"] in text and "vēlāk" in text and "tūlīt" in text
    assert " / " not in html.unescape(re.sub(r"<[^>]+>", " ", text.split(t["conflict"])[1]))
    form(anna, "", kind="comment", slug=SLUG, node="p1")  # empty: refused
    refused(anna)
    form(anna, "Maija@Marta.Example", kind="invite", org="marta", role="member")
    said(anna, "saved")
    anna.action("ws_do", kind="remove", org="marta", account=999)  # no such member
    refused(anna)
    anna.action("ws_do", kind="sign", slug=SLUG, version=3)  # a negotiator cannot sign
    assert refused(anna)
    form(anna, "x", kind="transition", slug=SLUG, to="in_force")
    assert "in_force" in refused(anna)
    form(anna, "Teksts saskaņots.", kind="transition", slug=SLUG, to="agreed")
    said(anna, "saved")
    form(anna, "fake: Fake", kind="new_org")  # not a server administrator
    refused(anna)
    anna.action("ws_do", kind="nonsense", slug=SLUG)
    assert "nonsense" in refused(anna)


def test_the_language_follows_the_account_then_the_switch_and_is_latvian_by_default(da, registry):  # noqa: F811
    for account_language in (None, "", "de", "lv"):
        s = _session(da, {**ANNA, "language": account_language})
        assert s.screen.text == "Mani līgumi" and s.screen.language == "lv", account_language
    s = _session(da, {**ANNA, "language": "lv"})
    switch = [x for x in s.link_actions() if x["action"] == "ws_set_language"]
    assert switch == [{"action": "ws_set_language", "arguments": {"lang": "en"}}]
    assert 'lang="en"' in s.screen.subquestion and ">English</a>" in s.screen.subquestion
    s.action("ws_set_language", lang="en")
    assert s.screen.text == "My agreements" and s.screen.language == "en"
    s.action("ws_open", slug=SLUG)  # the choice holds for the session
    assert s.screen.text == f"Agreement {SLUG}" and TEXTS["en"]["comment"] in s.screen.subquestion
    assert [x["arguments"] for x in s.link_actions() if x["action"] == "ws_set_language"] == [{"lang": "lv"}]
    s.action("ws_set_language", lang="<script>")  # anything else is Latvian; the page stays
    assert s.screen.text == f"Līgums {SLUG}" and s.screen.language == "lv"
    s = _session(da, {**ANNA, "language": "en"})  # the account's own language
    assert s.screen.text == "My agreements" and s.screen.language == "en"
    s.action("ws_set_language", lang="lv")
    assert s.screen.text == "Mani līgumi"
    s.action("ws_form", kind="comment", slug=SLUG, node="p1")
    assert s.screen.text == "Komentārs" and "Atcelt" in s.screen.subquestion


def test_a_server_without_a_registry_says_so_in_latvian(da, monkeypatch):
    monkeypatch.delenv("PAMATS_REGISTRY", raising=False)
    s = da.Session(da.load_interview("workspace.yml"), user=ANNA_LV)
    s.run(until="workspace problem screen")
    assert s.screen.text == "Darba vide nav pieejama" and s.screen.language == "lv"
    assert "serverim nav norādīts reģistrs" in s.screen.subquestion and "pamats: registry:" in s.screen.subquestion
    assert "configured" not in s.screen.subquestion and " / " not in s.screen.subquestion
