"""PDF through a running unoserver (one LibreOffice kept in memory), and the fallback to a fresh
headless soffice when none answers. The test starts and stops its own unoserver
(scripts/unoserver.sh) on a free loopback port."""

from __future__ import annotations

import logging
import socket
import subprocess
from pathlib import Path

import pytest

from pamats.drafting.answers import load_answers
from pamats.drafting.build import build_instrument
from pamats.drafting.render import pdf as pdf_mod
from pamats.drafting.render.docx import render_docx
from pamats.errors import PamatsError

ROOT = Path(__file__).resolve().parents[2]
ORDER_LINE = "Izdots saskaņā ar Valsts pārvaldes iekārtas likuma 72. panta pirmās daļas 1. punktu"
pytestmark = pytest.mark.libreoffice


def _free_port_pair() -> int:
    """A free port whose next port is free too (unoserver's XML-RPC port, LibreOffice's UNO port)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        try:
            with socket.socket() as s2:
                s2.bind(("127.0.0.1", port + 1))
        except OSError:
            continue
        return port
    raise RuntimeError("no free pair of ports")


@pytest.fixture(scope="module")
def unoserver(tmp_path_factory):
    port, run = _free_port_pair(), tmp_path_factory.mktemp("unoserver")
    script = str(ROOT / "scripts" / "unoserver.sh")
    subprocess.run(["bash", script, "start", str(port), str(run)], check=True, timeout=300)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        subprocess.run(["bash", script, "stop", str(run)], check=True, timeout=60)


@pytest.fixture(scope="module")
def order_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "order.docx"
    return render_docx(build_instrument(load_answers(ROOT / "answers/iem-order.yaml"), lang="lv"), out)


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def test_pdf_through_a_running_unoserver(unoserver, order_docx, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv(pdf_mod.UNOSERVER_ENV, unoserver)
    monkeypatch.setattr(pdf_mod, "soffice_path", lambda: None)  # no fresh soffice: only the server can do it
    caplog.set_level(logging.INFO, logger=pdf_mod.__name__)
    for n in range(2):  # the second document reuses the same LibreOffice
        out = pdf_mod.render_pdf(order_docx, tmp_path / f"order-{n}.pdf")
        assert out.read_bytes()[:4] == b"%PDF" and ORDER_LINE in _text(out)
    assert caplog.text.count(f"PDF by unoserver {unoserver}") == 2
    assert not list(tmp_path.glob(".*.tmp"))


def test_falls_back_to_soffice_when_no_unoserver_answers(order_docx, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv(pdf_mod.UNOSERVER_ENV, f"127.0.0.1:{_free_port_pair()}")
    caplog.set_level(logging.INFO, logger=pdf_mod.__name__)
    out = pdf_mod.render_pdf(order_docx, tmp_path / "order.pdf")
    assert ORDER_LINE in _text(out) and "PDF by soffice" in caplog.text


def test_off_means_soffice_even_if_a_server_runs(unoserver, order_docx, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv(pdf_mod.UNOSERVER_ENV, "off")
    caplog.set_level(logging.INFO, logger=pdf_mod.__name__)
    pdf_mod.render_pdf(order_docx, tmp_path / "order.pdf")
    assert "PDF by soffice" in caplog.text and "unoserver" not in caplog.text


def test_neither_server_nor_soffice_is_a_clear_error(order_docx, tmp_path, monkeypatch):
    monkeypatch.setenv(pdf_mod.UNOSERVER_ENV, f"127.0.0.1:{_free_port_pair()}")
    monkeypatch.setattr(pdf_mod, "soffice_path", lambda: None)
    with pytest.raises(PamatsError) as ei:
        pdf_mod.render_pdf(order_docx, tmp_path / "order.pdf")
    assert "no unoserver answers" in ei.value.message and "PAMATS_UNOSERVER" in ei.value.hint
    assert not (tmp_path / "order.pdf").exists()


@pytest.mark.parametrize("value", ["nonsense", "host:", ":2003", "127.0.0.1:99999"])
def test_a_malformed_setting_is_a_clear_error(order_docx, tmp_path, monkeypatch, value):
    monkeypatch.setenv(pdf_mod.UNOSERVER_ENV, value)
    with pytest.raises(PamatsError) as ei:
        pdf_mod.render_pdf(order_docx, tmp_path / "order.pdf")
    assert "is not HOST:PORT" in ei.value.message and ei.value.exit_code == 2
