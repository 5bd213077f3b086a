"""In-process docassemble driver for the pamats interviews (no server, no network).

Defines:
- ``HeadlessPlugin``: the pluggy hooks docassemble.base (>= 1.10) needs outside its web
  server (configuration, locale, file numbers in a temp folder, secure filenames).
- ``setup()``: registers the plugin and imports docassemble once per process.
- ``load_interview(name)``: parses ``docassemble.pamats:data/questions/<name>`` (the
  installed package, whose data/questions is interviews/); ``parse_text()`` parses YAML
  given as a string inside a package (fixtures); ``parse_warnings()`` returns what the
  parser only logs ("Ignoring unknown dictionary key ..." and the like).
- ``drive(interview, answers)``: the drive loop (assemble, answer what the screen asks,
  mark it answered, repeat) until a screen asks nothing; returns a ``Run`` with the
  user_dict, the screens seen, the end screen text and the assembled DOCX paths.
- ``Session``: the same loop in steps, for what happens mid-interview: ``run(answers,
  until=block_id)`` stops on a screen, ``action(name, **arguments)`` is a request with a
  ``url_action``/``url_ask`` action (as the browser sends it), ``review_edit(variable)``
  clicks the "Edit" button of a ``review:`` item, ``link_actions()`` decodes the action
  links on the current screen (``action_button_html(url_action(...))``, ``url_ask``).

Like the web server, every assemble runs inside docassemble's user-dict context
(``docassemble.base.thread_context.user_dict_context``): without it ``undefine()``,
``recompute``, ``defined()``, ``value()`` and ``showifdef()`` see no interview answers
(undefine silently does nothing, defined() is False for every name). After a screen is
answered, the event stack is popped for the variables set, as the server does on a POST.
- ``load_scenario(path)`` / ``check_scenario(run, scenario)``: the scenario file format of
  CONTRACTS.md (tests/interviews/scenarios/<stem>--<name>.yaml).

Answers: a key is the variable name as the screen asks it, with generic indexes resolved
(``parties[0].name``); the generic spelling (``parties[i].name``) is accepted as a
fallback. A list value is consumed one item per time the variable is asked (a variable
whose answer really is a list is written as a one-item list of that list). Values are
converted by field datatype as docassemble's web layer does (date -> DADateTime,
checkboxes dict -> DADict, integer/number/currency -> int/float). Screens that only
have a continue button (``field:`` / ``continue button field:``) are answered True
unless the scenario says otherwise.

PDF: converting a DOCX attachment to PDF needs docassemble's LibreOffice macro, which
only its server installs. In-process runs convert nothing; ``pdf`` formats are dropped
(the DOCX is what the in-process tests assert on) and the e2e suite, against a real
server, downloads and checks the PDF.
"""

from __future__ import annotations

import copy
import html as html_lib
import json
import mimetypes
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pluggy
import yaml

PACKAGE = "docassemble.pamats"
REPO = Path(__file__).resolve().parents[2]
hookimpl = pluggy.HookimplMarker("docassemble")


class ScenarioError(AssertionError):
    """The interview asked something the scenario does not answer, or never ended."""


class HeadlessPlugin:
    """Answers the hooks docassemble.base calls into its (absent) web server."""

    def __init__(self) -> None:
        self.file_store = tempfile.mkdtemp(prefix="pamats-da-files-")
        self.saved: dict[int, dict[str, Any]] = {}
        # "button colors": the server fills it from its defaults (list tables read it)
        self.config: dict[str, Any] = {"debug": True, "button colors": {}}

    @hookimpl
    def get_configuration(self):
        return self.config

    @hookimpl
    def get_default_language(self):
        return "en"

    @hookimpl
    def get_default_dialect(self):
        return "us"

    @hookimpl
    def get_default_locale(self):
        return "US.utf8"

    @hookimpl
    def get_default_voice(self):
        return None

    @hookimpl
    def get_default_timezone(self):
        return "Europe/Riga"

    @hookimpl
    def get_default_country(self):
        return "LV"

    @hookimpl
    def get_debug_status(self):
        return True

    @hookimpl
    def get_hostname(self):
        return "localhost"

    @hookimpl
    def get_default_table_class(self):
        return "table table-striped"

    @hookimpl
    def get_default_thead_class(self):
        return "table-primary"

    @hookimpl
    def url_finder(self, file_reference, kwargs):
        # url_action()/url_ask() links: '/interview?action=<base64 json>&i=<yaml>' (decoded by
        # action_from_url); any other file reference has no URL without a server
        # interview_url(i=…, …) links to another interview (or session): the same form, so a
        # test can read the arguments it carries
        if file_reference in ("flex_interview", "interview") and (kwargs.get("action") or kwargs.get("i")):
            return "/interview?" + urlencode(
                {k: v for k, v in kwargs.items() if not k.startswith("_") and v is not None}
            )
        if file_reference == "login":  # url_of('login'): the server's log-in page
            return "/user/sign-in"
        return ""

    @hookimpl
    def url_for(self, endpoint, kwargs):
        return "/" + str(endpoint)

    @hookimpl
    def get_button_class_prefix(self):  # the web server's default button style
        return "btn-"

    @hookimpl
    def get_saved_file_class(self):
        return _saved_file_class(self)

    @hookimpl
    def get_main_page_parts(self):  # Interview.read_from() calls .items() on it
        return {}

    @hookimpl
    def absolute_filename(self, the_file):
        return the_file

    @hookimpl
    def secure_filename_unicode_ok(self, the_filename):
        from docassemble.base.functions import secure_filename_unicode_ok

        return secure_filename_unicode_ok(the_filename)

    @hookimpl
    def secure_filename(self, filename):
        from docassemble.base.functions import secure_filename

        return secure_filename(filename)

    @hookimpl
    def secure_filename_spaces_ok(self, filename):
        from docassemble.base.functions import secure_filename

        return secure_filename(filename)

    @hookimpl
    def save_numbered_file(self, filename, orig_path, yaml_file_name, uid):
        number = max(self.saved, default=0) + 1
        ext = os.path.splitext(filename)[1].lstrip(".")
        mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        dest_dir = os.path.join(self.file_store, str(number))
        os.makedirs(dest_dir)
        dest = os.path.join(dest_dir, filename)
        shutil.copyfile(orig_path, dest)
        self.saved[number] = {
            "path": os.path.splitext(dest)[0],
            "fullpath": dest,
            "filename": filename,
            "extension": ext,
            "mimetype": mimetype,
            "persistent": False,
            "private": True,
        }
        return number, ext, mimetype

    @hookimpl
    def get_new_file_number(self, user_code, file_name, yaml_file_name):
        """A number for a DAFile made in code (DAFile(...).initialize() without a number)."""
        number = max(self.saved, default=0) + 1
        filename = file_name or "file.txt"
        dest_dir = os.path.join(self.file_store, str(number))
        os.makedirs(dest_dir, exist_ok=True)
        dest = os.path.join(dest_dir, filename)
        self.saved[number] = {
            "path": os.path.splitext(dest)[0],
            "fullpath": dest,
            "filename": filename,
            "extension": os.path.splitext(filename)[1].lstrip("."),
            "mimetype": mimetypes.guess_type(filename)[0] or "text/plain",
            "persistent": False,
            "private": True,
        }
        return number

    @hookimpl
    def file_number_finder(self, file_number, filename, uids, privileged):
        return self.saved.get(int(file_number))


def _saved_file_class(plugin: HeadlessPlugin):
    """docassemble's SavedFile for the headless file store: DAFile.retrieve()/path() register
    the file as open and docassemble commits open files after each screen (finalize); a DAFile
    made without a number asks for a new one (get_new_file_number) and saves an empty file."""

    class HeadlessSavedFile:
        def __init__(self, file_number, extension=None, fix=False, should_not_exist=False, **kwargs):
            self.file_number = int(file_number)
            self.extension = extension
            info = plugin.saved.get(self.file_number)
            self.directory = os.path.join(plugin.file_store, str(self.file_number))
            self.path = info["fullpath"] if info else os.path.join(self.directory, "file")

        def save(self, finalize=False):
            os.makedirs(self.directory, exist_ok=True)
            if not os.path.exists(self.path):
                Path(self.path).touch()

        def finalize(self):
            pass

        def delete(self):
            shutil.rmtree(self.directory, ignore_errors=True)
            plugin.saved.pop(self.file_number, None)

        def cloud_path(self, filename=None):
            return None

    return HeadlessSavedFile


_STATE: dict[str, Any] = {}


def setup():
    """Register the plugin and import docassemble (2-3 s, once per process)."""
    if _STATE:
        return _STATE["plugin"]
    os.environ.setdefault("NLTK_DATA", str(REPO / ".venv" / "nltk_data"))
    from docassemble.base.plugin_manager import pm

    plugin = HeadlessPlugin()
    pm.register(plugin)
    import docassemble.base.functions as functions
    import docassemble.base.parse as parse

    _drop_pdf(parse)
    _STATE.update(plugin=plugin, parse=parse, functions=functions)
    return plugin


def _drop_pdf(parse) -> None:
    """In-process runs do not convert to PDF (see the module docstring): drop 'pdf' from the
    formats an attachment assembles when another format remains."""
    original = parse.Question.prepare_attachment
    if getattr(original, "_pamats_no_pdf", False):
        return

    def prepare_attachment(self, attachment, the_user_dict):
        result = original(self, attachment, the_user_dict)
        formats = result.get("formats_to_use") or []
        if "pdf" in formats and len(formats) > 1:
            result["formats_to_use"] = [f for f in formats if f != "pdf"]
        return result

    prepare_attachment._pamats_no_pdf = True
    parse.Question.prepare_attachment = prepare_attachment


def _ctx():
    from docassemble.base.thread_context import empty_globals, global_context

    return global_context(empty_globals())


def current_info(yaml_filename: str) -> dict[str, Any]:
    # No 'action' key at all: 'action': None makes assemble() try to run it.
    return {
        "user": {
            "is_anonymous": True,
            "is_authenticated": False,
            "theid": "t1",
            "the_user_id": "t1",
            "roles": ["user"],
            "firstname": "Test",
            "lastname": "User",
            "email": None,
            "country": "LV",
            "subdivisionfirst": None,
            "subdivisionsecond": None,
            "subdivisionthird": None,
            "organization": None,
            "timezone": "Europe/Riga",
            "language": "en",
            "session_uid": "uid1",
            "device_id": "dev1",
        },
        "session": "pamats-headless",
        "secret": None,
        "yaml_filename": yaml_filename,
        "url": "http://localhost/interview",
        "url_root": "http://localhost/",
        "encrypted": False,
        "interface": "web",
        "arguments": {},
    }


def interview_ref(name: str) -> str:
    return name if ":" in name else f"{PACKAGE}:data/questions/{name}"


def load_interview(name: str):
    """Parse an interview of the installed package (raises on parse-time errors)."""
    setup()
    from docassemble.base.interview_source import interview_source_from_string

    with _ctx():
        return _STATE["parse"].Interview(source=interview_source_from_string(interview_ref(name)))


def parse_text(text: str, package: str = PACKAGE, path: str = "inline.yml"):
    """Parse interview YAML given as a string; templates and includes resolve in package."""
    setup()
    from docassemble.base.interview_source import InterviewSourceString

    with _ctx():
        return _STATE["parse"].Interview(source=InterviewSourceString(content=text, path=path, package=package))


def parse_warnings(name: str) -> tuple[Any, list[str]]:
    """Parse an interview and return (interview, messages docassemble only logged)."""
    setup()
    import docassemble.base.logger as da_logger

    messages: list[str] = []
    da_logger.set_logmessage(lambda m, *a, **k: messages.append(str(m)))
    try:
        interview = load_interview(name)
    finally:
        da_logger.set_logmessage(da_logger.default_logmessage)
    return interview, messages


@dataclass
class Screen:
    question_type: str
    text: str
    subquestion: str
    asks: list[str]
    block_id: str | None
    language: str | None = None  # docassemble's language when the screen was shown
    review_items: list[str] = field(default_factory=list)  # a review screen's item texts (HTML)


@dataclass
class Run:
    user_dict: dict[str, Any]
    screens: list[Screen]
    end_text: str
    docx_paths: list[Path] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)

    def docx_text(self) -> str:
        return "\n".join(docx_text(p) for p in self.docx_paths)


def docx_text(path: Path) -> str:
    """All paragraph and table-cell text of a DOCX, in document order (headers/footers too)."""
    from docx import Document

    doc = Document(str(path))
    parts: list[str] = []
    body = doc.element.body
    for el in body.iter():
        if el.tag.endswith("}p"):
            parts.append("".join(t.text or "" for t in el.iter() if t.tag.endswith("}t")))
    for section in doc.sections:
        for part in (section.header, section.footer):
            parts.extend(p.text for p in part.paragraphs)
    return "\n".join(parts)


_GENERIC = re.compile(r"\[([ijklmn])\]")


def resolve_generic(var: str, user_dict: dict[str, Any]) -> str:
    """'parties[i].name' -> 'parties[0].name'; 'x.name' -> '<instance>.name'."""
    var = _GENERIC.sub(lambda m: "[" + repr(user_dict[m.group(1)]) + "]", var)
    if re.match(r"^x\b", var) and "x" in user_dict:
        var = re.sub(r"^x\b", user_dict["x"].instanceName, var)
    return var


class _Answers:
    """Scenario answers with per-ask consumption of list values."""

    def __init__(self, answers: dict[str, Any]):
        self.pending = {k: (list(v) if isinstance(v, list) else v) for k, v in answers.items()}
        self.used: set[str] = set()

    def take(self, keys: list[str]) -> tuple[bool, Any]:
        for key in keys:
            if key in self.pending:
                value = self.pending[key]
                self.used.add(key)
                if isinstance(value, list):
                    if not value:
                        raise ScenarioError(f"{key!r} was asked more times than the scenario answers it")
                    return True, value.pop(0)
                return True, value
        return False, None


def _convert(value: Any, datatype: str | None, key: str):
    import docassemble.base.util as du

    if value is None:
        return None
    if datatype == "date" and not isinstance(value, du.DADateTime):
        return du.as_datetime(str(value))
    if datatype in ("checkboxes", "multiselect") and isinstance(value, dict):
        return du.DADict(key, elements=dict(value), auto_gather=False, gathered=True)
    if datatype in ("integer",) and not isinstance(value, bool):
        return int(value)
    if datatype in ("number", "currency", "float", "range") and not isinstance(value, bool):
        return float(value)
    return value


def _asked(status) -> list[tuple[str, str | None]]:
    from docassemble.base.codec import from_safeid

    out = []
    for f in status.get_field_list():
        saveas = getattr(f, "saveas", None)
        if saveas is None:
            continue
        out.append((from_safeid(saveas), getattr(f, "datatype", None)))
    # a `continue button field:` (e.g. of a review block) is not in the field list
    extra = getattr(status.question, "review_saveas", None)
    if extra and not out and status.question.question_type == "review":
        out.append((str(extra), None))
    return out


def _validators(status) -> dict[str, Any]:
    """{variable: the field's compiled ``validate:`` expression} of the screen's fields."""
    from docassemble.base.codec import from_safeid

    out = {}
    for f in status.get_field_list():
        if getattr(f, "saveas", None) is not None and getattr(f, "validate", None):
            out[from_safeid(f.saveas)] = f.validate["compute"]
    return out


class ValidationFailed(ScenarioError):
    """The screen refused an answer (a field's ``validate:`` function raised); ``errors`` maps
    each refused variable to the message docassemble shows under its field."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("the screen refused: " + "; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class Session:
    """One interview session driven screen by screen, as the web server serves requests: each
    request assembles inside docassemble's user-dict context; answering a screen sets its
    variables, pops the event stack for them and marks the question answered."""

    def __init__(self, interview, answers: dict[str, Any] | None = None, *, user: dict[str, Any] | None = None):
        setup()
        self.interview = interview
        self.user = dict(user or {})  # current_info['user'] overrides: a logged-in account
        self.feed = _Answers(answers or {})
        self.screens: list[Screen] = []
        self.status = None
        self.plugin = _STATE["plugin"]
        from docassemble.base.thread_context import empty_globals

        self._globals = empty_globals()
        with self._context():
            _STATE["functions"].update_locale()
            self.user_dict = _STATE["parse"].get_initial_dict()

    def _context(self):
        from docassemble.base.thread_context import global_context

        return global_context(self._globals)

    def _request(self, action: dict[str, Any] | None = None):
        """One request: assemble (with an action, as a url_action link sends it)."""
        from docassemble.base.thread_context import user_dict_context

        parse, functions = _STATE["parse"], _STATE["functions"]
        info = current_info(self.interview.source.path)
        info["user"].update(self.user)
        if action is not None:
            info.update(action=action["action"], arguments=dict(action.get("arguments") or {}))
        from docassemble.base.thread_context import empty_globals, global_context

        # every request starts from fresh thread globals, as on the server: the language,
        # locale and current_info of the previous request are gone (the interview must set
        # them again before anything is shown, actions included)
        with global_context(empty_globals()):
            functions.this_thread.current_info = info
            status = parse.InterviewStatus(current_info=info)
            with user_dict_context(self.user_dict):
                self.interview.assemble(self.user_dict, status)
            self.language = functions.get_language()
        q = status.question
        self.status = status
        self.asked = _asked(status)
        self.validators = _validators(status)
        self.screens.append(
            Screen(
                q.question_type,
                str(status.question_text or ""),
                str(status.subquestion_text or ""),
                [a for a, _ in self.asked],
                getattr(q, "id", None),
                self.language,
                [str(v) for _, v in sorted((getattr(status, "helptexts", None) or {}).items())]
                if q.question_type == "review"
                else [],
            )
        )
        return status

    @property
    def screen(self) -> Screen:
        return self.screens[-1]

    def _answer(self, overrides: dict[str, Any] | None = None) -> None:
        """Answer the current screen from the scenario answers (overrides first)."""
        from docassemble.base.thread_context import user_dict_context

        status, q, user_dict = self.status, self.status.question, self.user_dict
        vars_set = []
        with self._context(), user_dict_context(user_dict):
            _STATE["functions"].this_thread.current_info = current_info(self.interview.source.path)
            values = []
            for var, datatype in self.asked:
                key = resolve_generic(var, user_dict)
                if overrides and (key in overrides or var in overrides):
                    found, value = True, overrides[key if key in overrides else var]
                else:
                    found, value = self.feed.take([key, var])
                if not found:
                    if q.question_type in ("settrue", "review") or datatype is None and len(self.asked) == 1:
                        value = True
                    else:
                        raise ScenarioError(
                            f"screen {len(self.screens)} ({q.question_type}, id {getattr(q, 'id', None)!r}: "
                            f"{status.question_text!r}) asks {key!r}; the scenario has no answer for it"
                        )
                if isinstance(value, str) and datatype in (None, "text", "email"):
                    # the server keeps only the text of an HTML-looking answer and drops
                    # backslashes (docassemble.webapp's POST handling, before validate:);
                    # `datatype: raw` fields get the answer as typed
                    from bs4 import BeautifulSoup

                    value = re.sub(r"\\", "", BeautifulSoup(value, "html.parser").get_text("\n"))
                values.append((var, key, datatype, value))
            # as the server does before setting anything: each field's validate: function is
            # called with the value; an exception refuses the screen with str(exception)
            errors = {}
            for var, key, _datatype, value in values:
                if var in self.validators and isinstance(value, str):
                    try:
                        if not eval(self.validators[var], user_dict)(value):
                            errors[key] = "Please enter a valid value."
                    except Exception as err:  # noqa: BLE001 (what the server catches)
                        errors[key] = str(err)
            if errors:
                raise ValidationFailed(errors)
            for _var, key, datatype, value in values:
                user_dict["__pamats_answer"] = _convert(value, datatype, key)
                exec(f"{key} = __pamats_answer", user_dict)
                del user_dict["__pamats_answer"]
                vars_set.append(key)
            _pop_event_stack(user_dict, vars_set)
            q.mark_as_answered(user_dict)

    def run(
        self, answers: dict[str, Any] | None = None, *, until: str | None = None, max_steps: int = 300
    ) -> Run | None:
        """Answer screens until one asks nothing (returns the Run) or, with ``until``, until
        the screen with that block id shows (returns None; the screen stays unanswered).
        ``answers`` are consulted before the session's own answers."""
        with self._context():
            for _ in range(max_steps):
                if self.status is None:
                    self._request()
                if until is not None and self.screen.block_id == until:
                    return None
                if not self.asked:
                    return _finish(self.user_dict, self.status, self.screens, self.plugin)
                self._answer(answers)
                self.status = None
        raise ScenarioError(f"no end screen after {max_steps} screens; last: {[s.text for s in self.screens[-5:]]}")

    def submit(self, values: dict[str, Any]) -> dict[str, str]:
        """Answer the current screen with ``values`` (then the scenario's answers), as a POST
        does; returns the messages of the fields the screen refused (the screen stays), or {}
        once it is accepted."""
        try:
            with self._context():
                self._answer(values)
        except ValidationFailed as refused:
            return refused.errors
        self.status = None
        return {}

    def action(self, name: str, **arguments) -> Screen:
        """A request carrying an action (what visiting a url_action()/url_ask() link does);
        returns the screen it shows."""
        with self._context():
            self._request({"action": name, "arguments": arguments})
        return self.screen

    def review_edit(self, variable: str) -> Screen:
        """Click the "Edit" button of the current review screen's item for ``variable``: the
        item's action (one variable, or ``_da_force_ask`` with its undefine/recompute list)."""
        q = self.status.question
        if q.question_type != "review":
            raise ScenarioError(f"screen {self.screen.block_id!r} is not a review screen")
        for f in q.fields:
            action = getattr(f, "action", None)
            if action and variable in [d for d in getattr(f, "data", []) if isinstance(d, str)]:
                return self.action(action["action"], **(action.get("arguments") or {}))
        raise ScenarioError(f"review screen {self.screen.block_id!r} has no Edit for {variable!r}")

    def edit_actions(self) -> list[dict[str, Any]]:
        """Every "Edit" of the current screen, in screen order: the actions of its ``review:``
        items, then the url_action()/url_ask() links of its text."""
        q = self.status.question
        items = (
            [f.action for f in getattr(q, "fields", []) if getattr(f, "action", None)]
            if q.question_type == "review"
            else []
        )
        return [
            {"action": a["action"], "arguments": dict(a.get("arguments") or {})} for a in items
        ] + self.link_actions()

    def link_actions(self) -> list[dict[str, Any]]:
        """The url_action()/url_ask() links on the current screen (question and subquestion),
        decoded to {'action': ..., 'arguments': ...}, in screen order."""
        text = self.screen.text + "\n" + self.screen.subquestion
        return [action_from_url(html_lib.unescape(u)) for u in re.findall(r'href="([^"]*[?&]action=[^"]*)"', text)]


def action_from_url(url: str) -> dict[str, Any]:
    """Decode the action of a url_action()/url_ask() URL (docassemble's base64 JSON)."""
    from docassemble.base.functions import myb64unquote

    encoded = parse_qs(urlsplit(url).query)["action"][0]
    return json.loads(myb64unquote(encoded))


def _pop_event_stack(user_dict: dict[str, Any], vars_set: list[str]) -> None:
    """As the server does after setting a screen's variables: an action waiting on top of the
    event stack for one of them is done."""
    from docassemble.base.functions import this_thread

    stack = user_dict["_internal"].get("event_stack", {}).get(this_thread.current_info["user"]["session_uid"])
    for var in vars_set:
        if stack and stack[0]["action"] == var:
            stack.pop(0)


def drive(interview, answers: dict[str, Any], *, max_steps: int = 300) -> Run:
    """Run an interview to a screen that asks nothing; return what happened."""
    return Session(interview, answers).run(max_steps=max_steps)


def _finish(user_dict, status, screens, plugin) -> Run:
    docx: list[Path] = []
    atts = []
    for att in status.attachments or []:
        numbers = att.get("file") or {}
        atts.append({"name": str(att.get("name")), "formats": list(numbers)})
        if "docx" in numbers:
            info = plugin.saved.get(int(numbers["docx"]))
            if info:
                docx.append(Path(info["fullpath"]))
    end = screens[-1]
    return Run(
        user_dict=user_dict,
        screens=screens,
        end_text=(end.text + "\n" + end.subquestion).strip(),
        docx_paths=docx,
        attachments=atts,
    )


# ---- scenarios -------------------------------------------------------------------------

SCENARIO_KEYS = {"interview", "description", "answers", "expect"}
EXPECT_KEYS = {"docx_contains", "docx_not_contains", "end_screen_contains"}


def load_scenario(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}: a scenario file is a mapping")
    unknown = set(data) - SCENARIO_KEYS
    if unknown:
        raise ScenarioError(f"{path}: unknown keys {sorted(unknown)}; allowed {sorted(SCENARIO_KEYS)}")
    for key in ("interview", "answers"):
        if key not in data:
            raise ScenarioError(f"{path}: missing {key!r}")
    expect = data.get("expect") or {}
    unknown = set(expect) - EXPECT_KEYS
    if unknown:
        raise ScenarioError(f"{path}: unknown expect keys {sorted(unknown)}; allowed {sorted(EXPECT_KEYS)}")
    data["expect"] = {k: list(expect.get(k) or []) for k in EXPECT_KEYS}
    data["answers"] = copy.deepcopy(data["answers"] or {})
    return data


ZWSP = "\u200b"


def check_expectations(
    docx_text_: str, end_text: str, expect: dict[str, list[str]], hidden_ok: bool = False
) -> list[str]:
    """Return a list of failures (empty when every expectation holds). A DOCX with a hidden
    zero-width space fails (user text must come out literally, without invisible characters)
    unless ``hidden_ok`` (docassemble's own behaviour with plain values, in the fixtures)."""
    failures = []
    if ZWSP in docx_text_ and not hidden_ok:
        failures.append(f"DOCX holds {docx_text_.count(ZWSP)} zero-width space(s)")
    if hidden_ok:
        docx_text_ = docx_text_.replace(ZWSP, "")
    for s in expect.get("docx_contains", []):
        if s not in docx_text_:
            failures.append(f"DOCX lacks {s!r}")
    for s in expect.get("docx_not_contains", []):
        if s in docx_text_:
            failures.append(f"DOCX contains {s!r} but must not")
    for s in expect.get("end_screen_contains", []):
        if s not in end_text:
            failures.append(f"end screen lacks {s!r}")
    return failures
