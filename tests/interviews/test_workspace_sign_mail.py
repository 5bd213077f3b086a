"""The workspace interview in-process: "waiting for you" on the dashboard, the e-mail to the other
party through a real SMTP server on 127.0.0.1 (docassemble's ``mail:`` configuration), signing by
downloading the PDF and uploading it signed, and the same "not found" for an outsider on the new
download, upload and e-mail-link URLs."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "registry"))  # pki.py, mail_sink.py

from pamats.registry import Registry  # noqa: E402
from pamats.registry.workspace import Principal, Workspace  # noqa: E402

SLUG = "marta-vrs"


def _user(uid, email):
    return {
        "is_authenticated": True,
        "is_anonymous": False,
        "theid": uid,
        "the_user_id": uid,
        "email": email,
        "roles": ["user"],
        "language": "lv",
    }


ANNA, SANDRA = _user(11, "anna@marta.example"), _user(13, "sandra@marta.example")
JURIS, VIKTORS = _user(21, "juris@vrs.example"), _user(22, "viktors@vrs.example")
PETERIS = _user(31, "peteris@vp.example")


def P(u):  # noqa: N802 - the account as the core sees it
    return Principal(u["theid"], u["email"])


def _docx(*lines):
    from docx import Document

    d = Document()
    for line in lines:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    from pki import make_pki

    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def sink():
    from mail_sink import MailSink

    s = MailSink()
    yield s
    s.stop()


@pytest.fixture
def registry(tmp_path, monkeypatch, da, pki, sink):
    from pamats.drafting.document import Instrument, Node
    from pamats.registry.evidence.checkpoint import generate_key

    url = f"sqlite:///{tmp_path / 'ws.sqlite'}"
    key = tmp_path / "checkpoint.pem"
    generate_key(key)
    monkeypatch.setenv("PAMATS_FILES", str(tmp_path / "files"))
    config = da.setup().config  # what docassemble's get_config() reads
    monkeypatch.setitem(
        config, "pamats", {"registry": url, "trust roots": str(pki.root_pem), "checkpoint key": str(key)}
    )
    monkeypatch.setitem(config, "mail", sink.config)
    monkeypatch.setitem(config, "url root", "https://pamats.example")
    ws = Workspace(Registry(url))
    admin = Principal(1, "admin@pamats.example", server_admin=True)
    for org, who in (("marta", ANNA), ("vrs", JURIS), ("vp", PETERIS)):
        ws.create_organisation(admin, org, org.upper())
        ws.invite(admin, org, who["email"], "negotiator", admin=True)
        ws.login(P(who))
    ws.invite(P(ANNA), "marta", SANDRA["email"], "signatory")
    ws.invite(P(JURIS), "vrs", VIKTORS["email"], "signatory")
    for who in (SANDRA, VIKTORS):
        ws.login(P(who))
    from pki import ORG_IDS

    for org, who in (("marta", ANNA), ("vrs", JURIS)):  # the administrators tie their signing certificates
        ws.tie_certificate(P(who), org, identifier=f"organizationIdentifier={ORG_IDS[org]}")
    ins = Instrument(
        kind="agreement",
        title="Sadarbības līgums",
        body=[Node(id="ch1", kind="chapter", title="Vispārīgie", children=[Node(id="p1", text=["Puses sadarbojas."])])],
    )
    ws.create_agreement(
        P(ANNA),
        SLUG,
        "Sadarbības līgums",
        ["marta", "vrs"],
        answers={"v": 1},
        instrument=ins.model_dump(mode="json"),
        docx=_docx("Sadarbības līgums", "Puses sadarbojas."),
    )
    ws.transition(P(ANNA), SLUG, "negotiation")
    yield ws
    ws.reg.close()


@pytest.fixture
def interview(da):
    return da.load_interview("workspace.yml")


def _session(da, interview, user):
    s = da.Session(interview, user=user)
    s.run(until="workspace page")
    return s


class Upload:
    """What docassemble hands the interview for a file field: an object whose path() is the file."""

    def __init__(self, path: Path):
        self._path = path

    def path(self):
        return str(self._path)


def _signed(pki, org, pdf):
    from pki import PASSPHRASE

    from pamats.registry.evidence.pades import load_pkcs12, sign_pdf

    return sign_pdf(pdf, load_pkcs12(pki.p12[org].read_bytes(), PASSPHRASE), f"{org}-v1")


def _pdf(s, **args):
    s.action("ws_pdf", **args)
    q = s.status.question
    return q.binaryresponse if getattr(q, "binaryresponse", None) else None


def _upload(s, tmp_path, data: bytes, name="signed.pdf"):
    f = tmp_path / name
    f.write_bytes(data)
    s.action("ws_form", kind="upload", slug=SLUG, version=1)
    assert s.screen.asks == ["ws_upload"] and s.screen.text == "Parakstītais PDF fails"
    s.run({"ws_upload": Upload(f)}, until="workspace page")
    return s.screen.subquestion


def test_agreed_mail_waiting_download_upload_signed(da, interview, registry, pki, sink, tmp_path):
    anna = _session(da, interview, ANNA)
    anna.action("ws_open", slug=SLUG)
    anna.action("ws_form", kind="transition", slug=SLUG, to="agreed")
    anna.run({"ws_text": "Teksts saskaņots."}, until="workspace page")
    # the request to sign, to both parties' signatories, Latvian first
    assert sorted(m.recipients[0] for m in sink.messages if "Lūgums parakstīt" in m.subject) == [
        "sandra@marta.example",
        "viktors@vrs.example",
    ]
    body = next(m for m in sink.to("viktors@vrs.example") if "Lūgums parakstīt" in m.subject).body
    assert body.index("Lūdzam jūsu organizācijas parakstītāju") < body.index("Your organisation's signatory")
    assert "https://pamats.example/interview?i=docassemble.pamats:data/questions/workspace.yml&open=marta-vrs" in body

    sandra = _session(da, interview, SANDRA)
    assert "Gaida jūs" in sandra.screen.subquestion and "Parakstīt versiju 1" in sandra.screen.subquestion
    sandra.action("ws_open", slug=SLUG)
    links = sandra.link_actions()
    assert {"action": "ws_pdf", "arguments": {"slug": SLUG, "which": "to_sign"}} in links
    assert {"action": "ws_form", "arguments": {"kind": "upload", "slug": SLUG, "version": 1}} in links
    pdf = _pdf(sandra, slug=SLUG, which="to_sign")
    assert pdf.startswith(b"%PDF-")
    sandra.action("ws_open", slug=SLUG)
    sub = _upload(sandra, tmp_path, _signed(pki, "marta", pdf))
    assert "Parakstīts: marta, versija 1" in sub and "Signer of marta" in sub  # the signature in the room

    viktors = _session(da, interview, VIKTORS)
    viktors.action("ws_open", slug=SLUG)
    second = _pdf(viktors, slug=SLUG, which="to_sign")
    assert second.startswith(pdf) and len(second) > len(pdf)  # carries MARTA's signature
    viktors.action("ws_open", slug=SLUG)
    sub = _upload(viktors, tmp_path, _signed(pki, "vrs", second), "vrs.pdf")
    assert "Parakstīts: vrs, versija 1 · parakstīts" in sub
    assert "Signer of marta" in sub and "Signer of vrs" in sub
    assert registry.room(P(ANNA), SLUG)["status"] == "signed"
    assert _pdf(viktors, slug=SLUG, which="signed").startswith(second)


def test_refusals_are_messages_in_the_users_language(da, interview, registry, pki, tmp_path):
    registry.transition(P(ANNA), SLUG, "agreed")
    sandra = _session(da, interview, SANDRA)
    sandra.action("ws_open", slug=SLUG)
    pdf = _pdf(sandra, slug=SLUG, which="to_sign")
    sub = _upload(sandra, tmp_path, _signed(pki, "marta", pdf.replace(b"/Producer", b"/Producex", 1)))
    assert "Neizdevās" in sub and "parakstītais PDF nav šī līguma" in sub and "the signed PDF" not in sub
    sub = _upload(sandra, tmp_path, b"not a pdf at all", "x.pdf")
    assert "augšupielādētais fails nav PDF" in sub
    anna = _session(da, interview, ANNA)  # a negotiator: no upload button, and the upload is refused
    anna.action("ws_open", slug=SLUG)
    assert not [x for x in anna.link_actions() if x["arguments"].get("kind") == "upload"]
    sub = _upload(anna, tmp_path, _signed(pki, "marta", pdf))
    assert "nevar parakstīt" in sub
    assert registry.room(P(ANNA), SLUG)["signatures"] == []


def test_outsider_gets_the_same_not_found_on_download_upload_and_mail_link(da, interview, registry, pki, tmp_path):
    registry.transition(P(ANNA), SLUG, "agreed")
    pdf = registry.pdf_to_sign(P(SANDRA), SLUG)
    pet = _session(da, interview, PETERIS)
    seen = {}
    for slug in (SLUG, "nav-tada"):
        assert _pdf(pet, slug=slug, which="to_sign") is None
        seen[("pdf", slug)] = pet.screen.subquestion.replace(slug, "X")
        assert _pdf(pet, slug=slug, which="signed") is None
        seen[("signed", slug)] = pet.screen.subquestion.replace(slug, "X")
        pet.action("ws_form", kind="upload", slug=slug, version=1)
        f = tmp_path / "s.pdf"
        f.write_bytes(_signed(pki, "vp", pdf))
        pet.run({"ws_upload": Upload(f)}, until="workspace page")
        seen[("upload", slug)] = pet.screen.subquestion.replace(slug, "X")
    for kind in ("pdf", "signed", "upload"):
        assert seen[(kind, SLUG)] == seen[(kind, "nav-tada")] and "nav atrasts" in seen[(kind, SLUG)]
        assert "Puses sadarbojas" not in seen[(kind, SLUG)]
    # the link in an e-mail: &open=SLUG opens the room for a party, "not found" for anyone else
    for who, expect in ((PETERIS, "nav atrasts"), (ANNA, "Puses sadarbojas.")):
        s = da.Session(interview, user=who)
        s.user_dict["url_args"]["open"] = SLUG
        s.run(until="workspace page")
        assert expect in s.screen.subquestion
    assert registry.room(P(ANNA), SLUG)["signatures"] == []
