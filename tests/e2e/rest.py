"""REST driver for a running docassemble server (used by the e2e tests and the benchmark).

Defines ``DAClient`` (session/new, session/question, POST session, file download, all
with the API key) and ``drive_rest(client, i, answers)``, which answers each screen from a
scenario's answers (the CONTRACTS.md format shared with the in-process harness: keys are
variable names as the screen asks them, the generic spelling ``x[i].y`` as fallback; a list
value is consumed one item per ask) until a screen asks nothing, and returns a ``RestRun``
with the screens seen, per-screen response times and the end screen's attachments.

Values go over JSON; ISO dates become DADateTime on the server (docassemble's
transform_json_variables); a dict answer for a checkboxes field is sent as a DADict object
description; continue-button screens (``field:``, ``continue button field:``; the API names the latter
in ``question_variable_name``) are answered True unless the scenario says otherwise.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

REPO = Path(__file__).resolve().parents[2]


class RestScenarioError(AssertionError):
    """The server asked something the scenario does not answer, or returned an error."""


def server_env() -> tuple[str | None, str | None]:
    """Base URL and API key from the environment or .da/env (written by da-server.sh)."""
    base, key = os.environ.get("DA_BASE_URL"), os.environ.get("DA_API_KEY")
    env = REPO / ".da" / "env"
    if (not base or not key) and env.exists():
        for line in env.read_text().splitlines():
            m = re.match(r"export (DA_BASE_URL|DA_API_KEY)=(.*)$", line.strip())
            if m and m.group(1) == "DA_BASE_URL":
                base = base or m.group(2)
            elif m:
                key = key or m.group(2)
    return base, key


@dataclass
class Session:
    i: str
    session: str
    secret: str


class DAClient:
    def __init__(self, base: str, key: str, timeout: float = 300):
        self.base, self.key, self.timeout = base.rstrip("/"), key, timeout
        self.http = requests.Session()

    def _check(self, r: requests.Response, what: str) -> requests.Response:
        if r.status_code != 200:
            raise RestScenarioError(f"{what}: HTTP {r.status_code}: {r.text[:500]}")
        return r

    def new(self, i: str) -> Session:
        r = self._check(
            self.http.get(f"{self.base}/api/session/new", params={"i": i, "key": self.key}, timeout=self.timeout),
            "session/new",
        )
        d = r.json()
        return Session(i=i, session=d["session"], secret=d["secret"])

    def question(self, s: Session) -> dict[str, Any]:
        r = self.http.get(
            f"{self.base}/api/session/question",
            timeout=self.timeout,
            params={"i": s.i, "session": s.session, "secret": s.secret, "key": self.key},
        )
        return self._check(r, "session/question").json()

    def post(self, s: Session, variables: dict[str, Any], question_name: str | None) -> dict[str, Any]:
        body = {
            "key": self.key,
            "i": s.i,
            "session": s.session,
            "secret": s.secret,
            "variables": variables,
            "question": 1,
        }
        if question_name:
            body["question_name"] = question_name
        r = self.http.post(f"{self.base}/api/session", json=body, timeout=self.timeout)
        return self._check(r, f"POST session {sorted(variables)}").json()

    def variables(self, s: Session) -> dict[str, Any]:
        r = self.http.get(
            f"{self.base}/api/session",
            timeout=self.timeout,
            params={"i": s.i, "session": s.session, "secret": s.secret, "key": self.key},
        )
        return self._check(r, "GET session").json()

    def file(self, s: Session, number: int) -> requests.Response:
        r = self.http.get(
            f"{self.base}/api/file/{number}",
            timeout=self.timeout,
            params={"i": s.i, "session": s.session, "secret": s.secret, "key": self.key},
        )
        return self._check(r, f"file {number}")


@dataclass
class RestRun:
    session: Session
    screens: list[dict[str, Any]]
    seconds: list[float] = field(default_factory=list)  # one per POST (answer -> next screen)

    @property
    def end(self) -> dict[str, Any]:
        return self.screens[-1]

    @property
    def end_text(self) -> str:
        return (str(self.end.get("questionText") or "") + "\n" + str(self.end.get("subquestionText") or "")).strip()

    def attachment_numbers(self, fmt: str) -> list[int]:
        return [int(a["number"][fmt]) for a in self.end.get("attachments") or [] if fmt in (a.get("number") or {})]


def _fields(screen: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        f
        for f in screen.get("fields") or []
        if f.get("variable_name") and f.get("datatype") not in ("html", "note") and f.get("active", True)
    ]


class _Feed:
    def __init__(self, answers: dict[str, Any]):
        self.pending = {k: (list(v) if isinstance(v, list) else v) for k, v in answers.items()}

    def take(self, keys: list[str]) -> tuple[bool, Any]:
        for key in keys:
            if key in self.pending:
                v = self.pending[key]
                if isinstance(v, list):
                    if not v:
                        raise RestScenarioError(f"{key!r} was asked more times than the scenario answers it")
                    return True, v.pop(0)
                return True, v
        return False, None


_INDEX = re.compile(r"\[(\d+|'[^']*'|\"[^\"]*\")\]")


def generic_spelling(name: str) -> str:
    """'parties[0].name.text' -> 'parties[i].name.text' (first index i, then j, k ...)."""
    letters = iter("ijklmn")
    return _INDEX.sub(lambda m: f"[{next(letters, 'n')}]", name)


_GENERIC = re.compile(r"\[([ijklmn])\]")


def resolve_generic(name: str, user_vars: dict[str, Any]) -> str:
    """'parties[i].name' -> 'parties[0].name' using the session's i, j, ... (and x)."""
    name = _GENERIC.sub(
        lambda m: "[" + repr(user_vars[m.group(1)]) + "]" if m.group(1) in user_vars else m.group(0), name
    )
    x = user_vars.get("x")
    if name.startswith("x.") and isinstance(x, dict) and x.get("instanceName"):
        name = x["instanceName"] + name[1:]
    return name


def _encode(value: Any, fld: dict[str, Any], name: str) -> Any:
    if isinstance(value, dict) and fld.get("datatype") in ("checkboxes", "object_checkboxes", "multiselect"):
        return {
            "_class": "docassemble.base.util.DADict",
            "instanceName": name,
            "elements": value,
            "auto_gather": False,
            "gathered": True,
        }
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def drive_rest(client: DAClient, i: str, answers: dict[str, Any], *, max_steps: int = 300) -> RestRun:
    feed = _Feed(answers)
    s = client.new(i)
    screen = client.question(s)
    run = RestRun(session=s, screens=[screen])
    for _ in range(max_steps):
        extra = screen.get("question_variable_name")  # `continue button field:` (not in fields)
        if screen.get("questionType") == "deadend" or not (_fields(screen) or extra):
            return run
        variables: dict[str, Any] = {}
        if extra and extra not in [f["variable_name"] for f in _fields(screen)]:
            found, value = feed.take([extra, generic_spelling(extra)])
            variables[extra] = value if found else True
        user_vars = None
        for fld in _fields(screen):
            name = fld["variable_name"]
            resolved = name
            if _GENERIC.search(name) or name.startswith("x."):
                user_vars = user_vars if user_vars is not None else client.variables(s)
                resolved = resolve_generic(name, user_vars)
            found, value = feed.take([resolved, name, generic_spelling(name)])
            if not found:
                if screen.get("questionType") in ("settrue", "review") or (
                    len(_fields(screen)) == 1
                    and fld.get("datatype") in (None, "boolean")
                    and screen.get("questionType") not in ("yesno", "noyes", "yesnomaybe", "noyesmaybe")
                ):
                    value = True
                else:
                    raise RestScenarioError(
                        f"screen {len(run.screens)} ({screen.get('questionType')}, "
                        f"{screen.get('questionName')!r}: {screen.get('questionText')!r}) asks {name!r}; "
                        f"the scenario has no answer for it"
                    )
            variables[name] = _encode(value, fld, name)
        t = time.perf_counter()
        screen = client.post(s, variables, screen.get("questionName"))
        run.seconds.append(time.perf_counter() - t)
        run.screens.append(screen)
        errors = [f.get("validation_messages") for f in screen.get("fields") or [] if f.get("error")]
        if screen.get("errorMessage") or errors:
            raise RestScenarioError(f"server rejected {variables}: {screen.get('errorMessage') or errors}")
    raise RestScenarioError(f"no end screen after {max_steps} screens; last: {run.end.get('questionText')!r}")
