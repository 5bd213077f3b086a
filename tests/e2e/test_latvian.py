"""Each interview in Latvian, in headless Chromium, as a ministry lawyer meets it.

For every screen of a Latvian scenario: the page says lang="lv"; no docassemble phrase is left
in English (its whole catalogue, not only the phrases the package translates: screens.py);
axe-core finds no critical or serious WCAG 2.1 A/AA violation. On the way: the hostile answers
of hostile.py on the screen of a checked text field (spaces only, <script>, <img onerror>, <b>,
5,000 characters: each refused with its Latvian message, the screen kept), docassemble's
"required" message and, on the first date field, an impossible date (31.02.2025) typed as a
Latvian writes dates, each answered by a Latvian message; the date is then typed as dd.mm.gggg.
On the review screen two earlier answers are edited through its "Labot" links (every screen of
the edit path is checked the same way), one of them to a text with template syntax
({{ }}, {% %}, ${ }); the review then shows the new answers literally, and the DOCX downloaded
from the final screen has them (and not the old ones), says what the review says (the lines of
the review items that are document text, normalised as test_review_matches_docx.py does:
review_text.review_lines) and has no hidden character in any of its XML parts. The agreement
interview has no date field. Screenshots of failing screens go to test-artifacts/browser/.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import browser
import hostile
import pytest
import screens
from review_text import review_lines

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "tests" / "interviews" / "scenarios"
# template and docassemble syntax in a title or subject: kept literally (nothing evaluated, no
# hidden characters) on the review and in the DOCX
TEMPLATE = "{{ 7*7 }} {% if x %}jā{% endif %} ${ x }"


@dataclass
class Edit:
    var: str
    value: str
    review_shows: str  # what the review must show after the edit
    docx_shows: str  # what the DOCX must contain
    old_gone: str = ""  # a text of the old answer that must be gone from review and DOCX


@dataclass
class Case:
    scenario: str
    edits: list[Edit] = field(default_factory=list)
    docx: bool = True
    lang: str = "lv"
    messages: bool = True  # has a required text field (the validation message is checked there)
    whole_number: bool = False  # has a whole-number field on its path
    dates: bool = False  # has a date field on its path
    answers: dict = field(default_factory=dict)  # the scenario's answers changed for this walk
    hostile: str = ""  # a checked text field whose screen gets the hostile answers (hostile.py)
    limit: int = 0  # that field's length limit (pamats.interview.screen.LIMITS)
    docx_items: list[int] = field(default_factory=list)  # review items whose lines are DOCX text


CASES = {
    "order": Case(
        "order--three-addressees-lv",
        [
            Edit(
                "ord_title",
                f"Par iespējamo cilvēku tirdzniecības upuru nosūtīšanas kārtību iestādēs {TEMPLATE}",
                f"Par iespējamo cilvēku tirdzniecības upuru nosūtīšanas kārtību iestādēs {TEMPLATE}",
                f"Par iespējamo cilvēku tirdzniecības upuru nosūtīšanas kārtību iestādēs {TEMPLATE}",
                "Par cilvēku tirdzniecības upuru atpazīšanas un nosūtīšanas kārtības ieviešanu",
            ),
            Edit(
                "ord_procedures_deadline",
                "2027-04-15",
                "2027. gada 15. aprīl",
                "Iestādēm līdz 2027. gada 15. aprīlim izdot iekšējos noteikumus",
                "2027. gada 1. mart",
            ),
        ],
        dates=True,
        hostile="ord_title",
        limit=400,
        docx_items=[1, 5, 6, 7, 8, 9],
    ),
    "regulation": Case(
        "regulation--default-lv",
        [
            Edit(
                "reg_title",
                f"Kārtība, kādā iestādes atpazīst iespējamus cilvēku tirdzniecības upurus {TEMPLATE}",
                f"Kārtība, kādā iestādes atpazīst iespējamus cilvēku tirdzniecības upurus {TEMPLATE}",
                f"Kārtība, kādā iestādes atpazīst iespējamus cilvēku tirdzniecības upurus {TEMPLATE}",
                "nosūta tos pie sociālās rehabilitācijas pakalpojuma sniedzēja",
            ),
            Edit(
                "reg_channel",
                "pa tālruni un pēc tam ar drošu elektronisko pastu",
                "pa tālruni un pēc tam ar drošu elektronisko pastu",
                "pa tālruni un pēc tam ar drošu elektronisko pastu",
                "tūlīt pēc tam rakstveidā",
            ),
        ],
        dates=True,  # entry into force on a date (31.02.2025 typed there)
        answers={"reg_eif_default": False, "reg_eif_date": "2027-03-01"},
        hostile="reg_title",
        limit=400,
        docx_items=[0, 3, 4, 5, 6],
    ),
    "agreement": Case(
        "agreement--gap-ngo-lv",
        [
            Edit(
                "subject_text",
                f"Puses sadarbojas, lai iespējams cilvēku tirdzniecības upuris bez kavēšanās saņemtu palīdzību {TEMPLATE}",
                f"bez kavēšanās saņemtu palīdzību {TEMPLATE}",
                f"bez kavēšanās saņemtu palīdzību {TEMPLATE}",
                "ar kuru saskaras Robežsardze, bez kavēšanās saņemtu sociālās rehabilitācijas pakalpojumu",
            ),
            Edit(
                "contact_edit[0].unit",
                "Galvenās pārvaldes operatīvā dežūrdaļa",
                "Galvenās pārvaldes operatīvā dežūrdaļa",
                "Galvenās pārvaldes operatīvā dežūrdaļa",
                "Galvenās pārvaldes dežūrdaļa",
            ),
        ],
        whole_number=True,
        hostile="subject_text",
        limit=2000,
        docx_items=[3],  # no date field in the agreement interview
    ),
    "gaps": Case("gaps--lv-nrm-today", [], docx=False, messages=False),
    # the other language: an English user's edit path stays English (the server's default
    # language is lv, so a screen that forgets the user's choice shows up here)
    "agreement-en": Case(
        "agreement--health-data-en",
        [
            Edit(
                "subject_text",
                "The Parties cooperate so that a possible victim of trafficking receives help without delay",
                "receives help without delay",
                "receives help without delay",
                "whom the Border Guard encounters receives the social rehabilitation service",
            ),
            Edit(
                "contact_edit[0].unit",
                "Central Board operational duty unit",
                "Central Board operational duty unit",
                "Central Board operational duty unit",
                "Central Board duty unit",
            ),
        ],
        lang="en",
    ),
    "order-en": Case(
        "order--two-addressees-en",
        [
            Edit(
                "ord_title",
                "On the referral procedure in the institutions",
                "On the referral procedure in the institutions",
                "On the referral procedure in the institutions",
                "On implementing the referral procedure",
            ),
            Edit(
                "ord_controller",
                "the Deputy State Secretary",
                "the Deputy State Secretary",
                "the Deputy State Secretary",
                "",
            ),
        ],
        lang="en",
    ),
    "regulation-en": Case(
        "regulation--date-repeal-en",
        [
            Edit(
                "reg_title",
                "Procedure for referring possible victims of trafficking",
                "Procedure for referring possible victims of trafficking",
                "Procedure for referring possible victims of trafficking",
                "",
            ),
            Edit(
                "reg_channel",
                "by telephone and then through a secure e-mail channel",
                "by telephone and then through a secure e-mail channel",
                "by telephone and then through a secure e-mail channel",
                "",
            ),
        ],
        lang="en",
    ),
}


@pytest.fixture()
def driver(tmp_path):
    d = browser.chrome(tmp_path / "profile")
    yield d
    d.quit()


class Walk:
    """Collects every problem of a walk, so one run names all of them."""

    def __init__(self, driver, out: Path, name: str, lang: str):
        self.driver, self.out, self.name, self.lang = driver, out, name, lang
        self.problems: list[str] = []
        self.screens = 0
        self.required_checked = False
        self.date_checked = False
        self.number_checked = False
        self.choice_checked = False
        self.hostile_checked = False

    def where(self) -> str:
        return f"{self.name} screen {self.screens} {browser.heading(self.driver)!r}"

    def problem(self, text: str) -> None:
        shot = self.out / f"lv-{self.name}-problem-{len(self.problems):02d}.png"
        self.driver.save_screenshot(str(shot))
        self.problems.append(f"{self.where()}: {text} ({shot.name})")

    def check_screen(self) -> None:
        self.screens += 1
        lang = screens.html_lang(self.driver)
        first = self.screens == 1  # the bilingual language question comes in the server's language
        if lang != self.lang and not first:
            self.problem(f'html lang="{lang}", not {self.lang}')
        if self.lang == "lv" or first:
            english = screens.english_on_screen(self.driver)
            if english:
                self.problem(f"docassemble words in English: {english}")
        else:
            latvian = screens.latvian_on_screen(self.driver)
            if latvian:
                self.problem(f"docassemble words in Latvian on an English screen: {latvian}")
        for v in screens.axe_serious(self.driver):
            self.problem(f"axe {v['impact']} {v['id']} ({v['help']}): {v['nodes'][:3]}")

    def _messages_after_continue(self) -> list[str]:
        browser.press_continue(self.driver)
        deadline = time.time() + 10
        while time.time() < deadline:
            msgs = screens.error_messages(self.driver)
            if msgs:
                return msgs
            time.sleep(0.2)
        return []

    def check_required_message(self) -> None:
        """First screen with an empty required text field: Continue shows the Latvian message."""
        from selenium.webdriver.common.by import By

        if self.required_checked:
            return
        fields = [
            el
            for el in self.driver.find_elements(By.CSS_SELECTOR, ".darequired input[type=text], .darequired textarea")
            if el.is_displayed() and not el.get_attribute("data-pamats-date")
        ]
        if not fields:
            return
        self.required_checked = True
        before = browser.heading(self.driver)
        old = fields[0].get_attribute("value") or ""
        fields[0].clear()
        msgs = self._messages_after_continue()
        fields[0].send_keys(old)
        want = screens.message("This field is required.", self.lang)
        if want not in msgs:
            self.problem(f"an empty required field gave {msgs!r}, not {want!r}")
        if browser.heading(self.driver) != before:
            self.problem("an empty required field was accepted")

    def check_impossible_date(self) -> None:
        """First date field: 31.02.2025 is refused in Latvian and the screen stays."""
        from selenium.webdriver.common.by import By

        if self.date_checked:
            return
        if self.lang != "lv":
            return
        dates = [
            el for el in self.driver.find_elements(By.CSS_SELECTOR, "input[data-pamats-date]") if el.is_displayed()
        ]
        native = [
            el
            for el in self.driver.find_elements(By.CSS_SELECTOR, "#daform input[type=date]:not(.pamats-date-native)")
            if el.is_displayed()
        ]
        if native:
            self.problem("a date field is still the browser's own date input (not dd.mm.gggg)")
        if not dates:
            return
        self.date_checked = True
        el = dates[0]
        if el.get_attribute("placeholder") != "dd.mm.gggg":
            self.problem(f"date field placeholder {el.get_attribute('placeholder')!r}")
        el.clear()
        el.send_keys("31.02.2025")
        before = browser.heading(self.driver)
        msgs = self._messages_after_continue()
        want = screens.message("You need to enter a valid date.", self.lang)
        if want not in msgs:
            self.problem(f"31.02.2025 gave {msgs!r}, not {want!r}")
        if browser.heading(self.driver) != before:
            self.problem("31.02.2025 was accepted")
        el.clear()
        # the calendar button's picker writes its date back as dd.mm.gggg
        button = el.find_elements(By.XPATH, "following-sibling::span[contains(@class,'pamats-date-tools')]/button")
        if not button or button[0].get_attribute("aria-label") != "Izvēlēties datumu kalendārā":
            self.problem("the date field has no labelled calendar button")
        else:
            self.driver.execute_script(
                "const n = arguments[0].parentNode.querySelector('input.pamats-date-native');"
                "n.value = '2027-02-28'; n.dispatchEvent(new Event('change'));",
                button[0],
            )
            if el.get_attribute("value") != "28.02.2027":
                self.problem(f"the picker's 2027-02-28 was written as {el.get_attribute('value')!r}")
            el.clear()

    def check_whole_number(self) -> None:
        """First whole-number field: 1,5 is refused with docassemble's message in the language."""
        from selenium.webdriver.common.by import By

        if self.number_checked:
            return
        nums = [
            el
            for el in self.driver.find_elements(
                By.CSS_SELECTOR,
                ".da-field-container-datatype-integer input[type=number], .da-field-container-datatype-integer input[type=text]",
            )
            if el.is_displayed()
        ]
        if not nums:
            return
        self.number_checked = True
        nums[0].clear()
        nums[0].send_keys("1.5")
        msgs = self._messages_after_continue()
        want = screens.message("Please enter a whole number.", self.lang)
        if want not in msgs:
            self.problem(f"1.5 in a whole-number field gave {msgs!r}, not {want!r}")
        nums[0].clear()

    def check_choice_required(self) -> None:
        """First screen of radio buttons with none chosen: the "select one" message."""
        from selenium.webdriver.common.by import By

        if self.choice_checked:
            return
        radios = self.driver.find_elements(By.CSS_SELECTOR, "#daform input[type=radio]")
        if not radios or any(r.is_selected() for r in radios):
            return
        self.choice_checked = True
        msgs = self._messages_after_continue()
        # the bilingual language question (screen 1) speaks the server's default language, lv
        want = screens.message("You need to select one.", "lv" if self.screens == 1 else self.lang)
        if want not in msgs:
            self.problem(f"no choice gave {msgs!r}, not {want!r}")

    def check_hostile(self, var: str, limit: int, answers: dict) -> None:
        """On the screen that asks var: spaces only, markup and 5,000 characters are each refused
        with their Latvian message, the screen stays, and it is still all Latvian."""
        if self.hostile_checked or not var or var not in browser.asked_variables(self.driver):
            return
        self.hostile_checked = True
        before = browser.heading(self.driver)
        for value, want in hostile.refusals(limit):
            shown = hostile.submit(self.driver, hostile.with_value(browser.answers_taker(answers), var, value))
            what = f"{value[:40]!r}{'…' if len(value) > 40 else ''} in {var}"
            if not any(w in shown for w in want):
                self.problem(f"{what} gave {shown!r}, not {' or '.join(want)!r}")
            if browser.heading(self.driver) != before or "Traceback" in self.driver.page_source:
                self.problem(f"{what} was not refused on the same screen: {hostile.body(self.driver)[-600:]}")
                return
            english = screens.english_on_screen(self.driver)
            if english:
                self.problem(f"after {what}: docassemble words in English: {english}")

    def answer(self, take) -> bool:
        form = browser.current_form(self.driver)
        if form is None or not browser.fill_screen(self.driver, take):
            return False
        try:
            browser.wait_for_next(self.driver, form, 120)
        except Exception:
            self.problem(
                "the screen did not move on; it shows: " + self.driver.find_element("tag name", "body").text[-600:]
            )
            raise AssertionError("\n".join(self.problems)) from None
        return True


def _review_text(driver) -> str:
    return "\n".join(hostile.review_items(driver))


@pytest.mark.parametrize("name", sorted(CASES))
def test_interview_in_latvian(client, driver, artifacts, name):
    import harness

    case = CASES[name]
    path = SCENARIOS / f"{case.scenario}.yaml"
    if not path.exists():
        pytest.fail(f"scenario {path.name} is missing")
    sc = harness.load_scenario(path)
    assert sc["answers"].get("lang") == case.lang, f"{path.name} is not in {case.lang}"
    out = artifacts / "browser"
    out.mkdir(exist_ok=True)
    walk = Walk(driver, out, name, case.lang)
    answers = {**sc["answers"], **case.answers}
    take = browser.answers_taker(answers)
    driver.get(f"{client.base}/interview?i={harness.interview_ref(sc['interview'])}&reset=1")
    browser.wait_for_screen(driver)
    edited = not case.edits
    review_before = ""
    review_items: list[str] = []
    for _ in range(150):
        walk.check_screen()
        actions = browser.review_actions(driver)
        if actions and not edited:
            review_before = _review_text(driver)
            driver.save_screenshot(str(out / f"lv-{name}-review-before.png"))
            for e in case.edits:
                _edit_from_review(walk, e, answers)
            edited = True
            review_items = hostile.review_item_lines(driver)
            review = "\n".join(review_items)
            driver.save_screenshot(str(out / f"lv-{name}-review-after.png"))
            for e in case.edits:
                if e.review_shows not in review:
                    walk.problem(f"after editing {e.var} the review lacks {e.review_shows!r}:\n{review}")
                if e.old_gone and e.old_gone in review:
                    walk.problem(f"after editing {e.var} the review still shows {e.old_gone!r}")
            continue
        if browser.current_form(driver) is not None:
            walk.check_hostile(case.hostile, case.limit, answers)
            walk.check_required_message()
            walk.check_impossible_date()
            walk.check_whole_number()
            walk.check_choice_required()
        if not walk.answer(take):
            break
    else:
        walk.problem("no final screen after 150 screens")
    driver.save_screenshot(str(out / f"lv-{name}-end.png"))
    assert walk.screens >= 3, f"only {walk.screens} screens seen"
    if case.edits:
        assert review_before, f"{name}: no review screen with edit links was reached"
    if case.lang == "lv" and case.messages:
        assert walk.required_checked, f"{name}: no required text field to check the message on"
        assert walk.choice_checked, f"{name}: no unanswered choice to check the message on"
    if case.dates:
        assert walk.date_checked, f"{name}: no date field seen"
    if case.whole_number:
        assert walk.number_checked, f"{name}: no whole-number field seen"
    if case.hostile:
        assert walk.hostile_checked, f"{name}: {case.hostile} was never asked"
    if case.docx:
        data = hostile.download_docx(driver)
        paras, cells = hostile.docx_text(data)
        text = "\n".join(paras + cells)
        # the DOCX says what the review says (the in-process test's comparison)
        for n in case.docx_items:
            lines = review_lines(review_items[n]) if n < len(review_items) else []
            if not lines:
                walk.problem(f"review item {n} has no text to find in the DOCX: {review_items}")
            for line in lines:
                if line not in text:
                    walk.problem(f"review item {n}: {line!r} is not in the DOCX")
        for e in case.edits:
            if e.docx_shows not in text:
                walk.problem(f"the DOCX lacks the edited {e.var}: {e.docx_shows!r}")
            if e.old_gone and e.old_gone in text:
                walk.problem(f"the DOCX still has the old {e.var}: {e.old_gone!r}")
        hidden = hostile.hidden_characters(data)
        if hidden:
            walk.problem(f"the DOCX has hidden characters: {hidden[:5]}")
    assert not walk.problems, "\n".join(walk.problems)


def _edit_from_review(walk: Walk, e: Edit, answers: dict) -> None:
    """Click the review's edit link for e.var, answer e.value (other screens of the edit path
    from the scenario), and come back to the review."""
    driver = walk.driver
    actions = browser.review_actions(driver)
    if e.var not in actions:
        walk.problem(f"the review has no edit link for {e.var} (links: {sorted(actions)})")
        return
    form = browser.current_form(driver)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", actions[e.var])
    browser.wait_for_next(driver, form, 120)
    is_date = e.value[:4].isdigit() and e.value[4:5] == "-"
    fresh = browser.answers_taker(answers)

    def take(var, consume=True):
        if var == e.var:
            return True, e.value
        return fresh(var, consume)

    for _ in range(12):
        walk.check_screen()
        if browser.review_actions(driver):
            return
        if e.var in browser.asked_variables(driver):
            from selenium.webdriver.common.by import By

            shown = [
                el.get_attribute("value") for el in driver.find_elements(By.CSS_SELECTOR, "input[data-pamats-date]")
            ]
            if is_date and walk.lang == "lv" and not any(s and s.count(".") == 2 for s in shown):
                walk.problem(f"the date being edited is not shown as dd.mm.gggg: {shown}")
        if not walk.answer(take):
            walk.problem(f"editing {e.var} ended on a screen without a button")
            return
    walk.problem(f"editing {e.var} did not come back to the review")
