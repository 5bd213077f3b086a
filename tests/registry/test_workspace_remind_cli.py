"""``pamats workspace remind``: the cron job reads docassemble's config.yml (registry, mail, url root),
sends the due-date reminders through a real SMTP server on 127.0.0.1, each once."""

from __future__ import annotations

import datetime as dt

from mail_sink import MailSink
from workspace_people import ANNA, JURIS, SLUG, room, ws  # noqa: F401

from pamats.cli.main import main


def _config(tmp_path, url, sink) -> str:
    path = tmp_path / "config.yml"
    path.write_text(
        "debug: True\n"
        "url root: https://pamats.example\n"
        "mail:\n"
        "  server: 127.0.0.1\n"
        f"  port: {sink.port}\n"
        "  default sender: '\"pamats\" <no-reply@pamats.example>'\n"
        "pamats:\n"
        f"  registry: {url}\n",
        encoding="utf-8",
    )
    return str(path)


def test_remind_sends_due_date_reminders_once(room, reg, db_url, tmp_path, capsys):
    today = dt.date.today()  # the CLI's registry uses the real clock
    reg.add_obligation("da-21", SLUG, "vrs", "Iesniegt kontaktpersonu sarakstu", today + dt.timedelta(days=7))
    sink = MailSink()
    try:
        cfg = _config(tmp_path, db_url, sink)
        assert main(["workspace", "remind", "--da-config", cfg]) == 0
        first = capsys.readouterr().out
        due = [m for m in sink.messages if "Termiņš pēc 7 dienām / Due in 7 days" in m.subject]
        assert sorted(m.recipients[0] for m in due) == ["juris@vrs.example", "viktors@vrs.example"]
        assert "Pienākums: " in due[0].body and "Iesniegt kontaktpersonu sarakstu" in due[0].body
        assert (
            "https://pamats.example/interview?i=docassemble.pamats:data/questions/workspace.yml&open=marta-vrs"
            in due[0].body
        )
        assert "sent " in first and "failed 0" in first
        n = len(sink.messages)
        assert main(["workspace", "remind", "--da-config", cfg]) == 0
        assert len(sink.messages) == n and "queued 0, sent 0" in capsys.readouterr().out  # each once
    finally:
        sink.stop()


def test_remind_without_mail_or_registry_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "config.yml"
    path.write_text("pamats:\n  registry: sqlite:///" + str(tmp_path / "r.sqlite") + "\n", encoding="utf-8")
    assert main(["workspace", "remind", "--da-config", str(path)]) == 2
    assert "no mail server is configured" in capsys.readouterr().err
    assert main(["workspace", "remind", "--da-config", str(tmp_path / "missing.yml")]) == 2
    assert "missing.yml" in capsys.readouterr().err
    (tmp_path / "empty.yml").write_text("debug: True\n", encoding="utf-8")
    assert main(["workspace", "remind", "--da-config", str(tmp_path / "empty.yml")]) == 2
    assert "no registry" in capsys.readouterr().err
