"""The workspace pages' words in Latvian and in English (one table per language, the same keys).

The web bridge (pamats.interview.workspace) shows every label in the user's language only;
``tr(lang, key, **values)`` fills ``{name}`` places. The core's messages are written "Latvian /
English" in one string: :func:`in_language` picks the user's half.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "TEXTS", "tr", "language", "in_language"]

LANGUAGES = ("lv", "en")

TEXTS: dict[str, dict[str, str]] = {
    "lv": {
        "language_switch": "English",
        "organisations": "Organizācijas",
        "no_organisation": (
            "Jūsu konts vēl nav nevienā organizācijā. Lūdziet savas organizācijas "
            "administratoram uzaicinājumu uz šo e-pasta adresi."
        ),
        "ok": "kārtībā",
        "problem": "problēma",
        "changed": "mainījies!",
        "overdue": "nokavēts",
        "yours": "jūsu",
        "col_agreement": "Līgums",
        "col_status": "Statuss",
        "col_version": "Versija",
        "col_move": "Kura gājiens",
        "col_open": "Atvērtie komentāri",
        "col_suggestions": "Ierosinājumi",
        "col_due": "Nākamais termiņš",
        "col_basis": "Tiesiskais pamats",
        "me_line": "{me} · loma: {role} · gaida jūs: {waiting}",
        "organisation": "Organizācija",
        "room_line": "{status} · versija {version} · puses: {parties} · jūs: {me} ({role})",
        "comment": "Komentēt",
        "suggest_replace": "Ierosināt jaunu redakciju",
        "suggest_insert": "Ierosināt jaunu punktu aiz šī",
        "suggest_delete": "Ierosināt svītrot",
        "edit_point": "Labot punktu",
        "resolved": "atrisināts",
        "open": "atvērts",
        "reply": "Atbildēt",
        "resolve": "Atrisināt",
        "reopen": "Atvērt no jauna",
        "op_replace": "jauna redakcija",
        "op_insert_after": "jauns punkts aiz šī",
        "op_delete": "svītrot",
        "suggestion": "Ierosinājums #{id} ({org}, {what}):",
        "accept": "Pieņemt",
        "reject": "Noraidīt",
        "waiting_other": "gaida otras puses lēmumu",
        "withdraw": "Atsaukt",
        "sign_version": "Parakstīt versiju {version}",
        "signing": "Parakstīšana",
        "download_to_sign": "Lejupielādēt parakstāmo PDF (versija {version})",
        "upload_signed": "Augšupielādēt parakstīto PDF",
        "signing_how": (
            "Lejupielādējiet PDF, parakstiet to ar savu e-parakstu (piemēram, eParaksts) un augšupielādējiet "
            "parakstīto PDF failu. Paraksts tiek pārbaudīts pret saskaņoto versiju."
        ),
        "download_signed": "Lejupielādēt parakstīto PDF",
        "signatures": "Paraksti",
        "no_signatures": "Vēl neviens nav parakstījis.",
        "signature_line": "{org}: {signer} (versija {version}, {at})",
        "form_upload": "Parakstītais PDF fails",
        "waiting_title": "Gaida jūs",
        "waiting_none": "Šobrīd nekas negaida jūsu rīcību.",
        "w_sign": "Parakstīt versiju {ref}",
        "w_decide": "Izlemt par ierosinājumu #{ref} ({org}, {point}. punkts)",
        "w_reply": "Atbilde uz jūsu komentāru ({org}, {point}. punkts)",
        "w_review": "Izskatīt versiju {ref} ({org})",
        "w_due": "Termiņš {date}: {what}",
        "w_overdue": "nokavēts",
        "due_obligation": "pienākums",
        "due_notice": "uzteikuma termiņš",
        "due_renewal": "pagarināšanas termiņš",
        "due_term_end": "līguma termiņa beigas",
        "status": "Statuss",
        "versions": "Versijas",
        "changes_against": "Izmaiņas pret {number}. versiju",
        "inserted": "iekļauts",
        "deleted": "svītrots",
        "changed_op": "grozīts",
        "moved_from": "pārvietots no šejienes",
        "moved_to": "pārvietots šeit",
        "renumbered": "pārnumurēts",
        "redline_line": "{slug}: versija {old} → {new}",
        "no_version": "versija nav atrasta",
        "invite_admin": "Uzaicināt administratoru",
        "new_org": "Jauna organizācija",
        "admin_manages": "Dalībniekus pārvalda organizācijas administrators.",
        "invited": "uzaicināts",
        "removed": "noņemts",
        "active": "aktīvs",
        "administrator": "administrators",
        "remove": "Noņemt",
        "col_email": "E-pasts",
        "col_role": "Loma",
        "col_state": "Stāvoklis",
        "col_change": "Mainīt",
        "invite_role": "Uzaicināt: {role}",
        "role_member": "dalībnieks",
        "role_negotiator": "sarunu vedējs",
        "role_signatory": "parakstītājs",
        "st_draft": "projekts",
        "st_negotiation": "sarunas",
        "st_agreed": "saskaņots",
        "st_signed": "parakstīts",
        "st_in_force": "spēkā",
        "st_expired": "beidzies",
        "st_terminated": "izbeigts",
        "st_withdrawn": "atsaukts",
        "back_to_agreement": "Atpakaļ uz līgumu",
        "form_comment": "Komentārs",
        "form_reply": "Atbilde",
        "form_replace": "Jaunā punkta redakcija",
        "form_insert_after": "Jaunā punkta teksts",
        "form_reject": "Noraidīšanas iemesls",
        "form_edit": "Jūsu punkta redakcija (jauna versija)",
        "form_transition": "Statusa maiņas iemesls",
        "form_invite": "Kolēģa e-pasta adrese",
        "form_new_org": 'Atslēga: nosaukums (piem. marta: Biedrība "Centrs MARTA")',
        "form_text": "Teksts",
        "version_created": "Izveidota versija: {number}",
        "signed": "Parakstīts: {org}, versija {version} · {status}",
        "unknown_action": "nezināma darbība {what}",
        "conflict": "Konflikts:",
        "your_text": "Jūsu teksts:",
        "current_text": "Pašreizējais teksts:",
        "not_done": "Neizdevās:",
        "saved": "Saglabāts.",
        "reload": "Lūdzu, pārlādējiet lapu.",
        "download_docx": "DOCX datne",
        "download_pdf": "PDF datne",
        "download_answers": "Atbildes (YAML)",
        "compare": "Salīdzināt versijas",
        "redline_old": "Vecā versija:",
        "redline_new": "Jaunā versija:",
        "redline_docx": "Lejupielādēt DOCX ar labojumu režīmu",
        "redraft": "Sagatavot jaunu versiju intervijā",
        "redraft_hint": "Intervija atvērsies ar pašreizējās versijas atbildēm; beigās tā kļūs par nākamo versiju.",
        "waiting_party": "Gaida pusi: {name} (organizācija vēl nav reģistrēta)",
        "waiting_parties": "Puses, kuru organizācija vēl nav reģistrēta",
        "attach_party": "Pievienot reģistrētu organizāciju",
        "form_attach": "Reģistrētās organizācijas atslēga (piem. vrs)",
        "start_done": "Līgums {title} ir izveidots reģistrā ar pusēm: {parties}. Otrā puse to redz savā darba vidē.",
        "start_waiting": (
            "Organizācija {name} vēl nav reģistrēta darba vidē. Līgums ir izveidots, un tā ir "
            "uzaicināta: tiklīdz servera administrators to reģistrēs, tā varēs pievienoties sarunām. "
            "Līdz tam līgumu nevar saskaņot."
        ),
        "open_room": "Atvērt līguma telpu",
        "login_needed": (
            "Lai sāktu sarunas, jāpiesakās ar savu kontu: līgums tiek izveidots jūsu organizācijas "
            "vārdā, un to var izdarīt tikai pieteicies organizācijas sarunu vedējs."
        ),
        "login": "Pieteikties",
        "start_failed": "Sarunas nav sāktas:",
        "redraft_done": "Versija {number} iesniegta līgumam {slug}.",
        "redraft_failed": "Jaunā versija nav iesniegta:",
        "recheck": "Pārbaudīt tiesisko pamatu",
        "recheck_done": "Tiesiskais pamats pārbaudīts ({slug}): {verdict}.",
        "recheck_changed": "Vērtējums mainījies kopš iepriekšējās pārbaudes.",
        "closed_note": "Līgums ir {status}: tā tekstu vairs nevar komentēt, mainīt vai ierosināt izmaiņas.",
        "invite_party_mail": "Uzaicināt pa e-pastu",
        "form_party_mail": "E-pasta adrese kādam šajā organizācijā, kam nosūtīt uzaicinājumu",
        "party_mail_queued": "Uzaicinājums pusei {name} tiks nosūtīts uz {email}.",
    },
    "en": {
        "language_switch": "Latviešu",
        "organisations": "Organisations",
        "no_organisation": (
            "Your account does not belong to an organisation yet. Ask your organisation's "
            "administrator to invite this e-mail address."
        ),
        "ok": "ok",
        "problem": "problem",
        "changed": "changed!",
        "overdue": "overdue",
        "yours": "yours",
        "col_agreement": "Agreement",
        "col_status": "Status",
        "col_version": "Version",
        "col_move": "Whose move",
        "col_open": "Open comments",
        "col_suggestions": "Suggestions",
        "col_due": "Next due",
        "col_basis": "Legal basis",
        "me_line": "{me} · role: {role} · waiting for you: {waiting}",
        "organisation": "Organisation",
        "room_line": "{status} · version {version} · parties: {parties} · you: {me} ({role})",
        "comment": "Comment",
        "suggest_replace": "Suggest new wording",
        "suggest_insert": "Suggest a new point after",
        "suggest_delete": "Suggest deleting",
        "edit_point": "Edit the point",
        "resolved": "resolved",
        "open": "open",
        "reply": "Reply",
        "resolve": "Resolve",
        "reopen": "Reopen",
        "op_replace": "new wording",
        "op_insert_after": "new point after",
        "op_delete": "delete",
        "suggestion": "Suggestion #{id} ({org}, {what}):",
        "accept": "Accept",
        "reject": "Reject",
        "waiting_other": "waiting for the other party",
        "withdraw": "Withdraw",
        "sign_version": "Sign version {version}",
        "signing": "Signing",
        "download_to_sign": "Download the PDF to sign (version {version})",
        "upload_signed": "Upload the signed PDF",
        "signing_how": (
            "Download the PDF, sign it with your own e-signature (e.g. eParaksts) and upload the signed PDF "
            "file. The signature is checked against the agreed version."
        ),
        "download_signed": "Download the signed PDF",
        "signatures": "Signatures",
        "no_signatures": "Nobody has signed yet.",
        "signature_line": "{org}: {signer} (version {version}, {at})",
        "form_upload": "The signed PDF file",
        "waiting_title": "Waiting for you",
        "waiting_none": "Nothing is waiting for you now.",
        "w_sign": "Sign version {ref}",
        "w_decide": "Decide on suggestion #{ref} ({org}, point {point})",
        "w_reply": "A reply to your comment ({org}, point {point})",
        "w_review": "Review version {ref} ({org})",
        "w_due": "Due {date}: {what}",
        "w_overdue": "overdue",
        "due_obligation": "obligation",
        "due_notice": "notice date",
        "due_renewal": "renewal date",
        "due_term_end": "end of the term",
        "status": "Status",
        "versions": "Versions",
        "changes_against": "Changes against version {number}",
        "inserted": "inserted",
        "deleted": "deleted",
        "changed_op": "changed",
        "moved_from": "moved away",
        "moved_to": "moved here",
        "renumbered": "renumbered",
        "redline_line": "{slug}: version {old} → {new}",
        "no_version": "no such version",
        "invite_admin": "Invite an administrator",
        "new_org": "New organisation",
        "admin_manages": "Your organisation's administrator manages its members.",
        "invited": "invited",
        "removed": "removed",
        "active": "active",
        "administrator": "administrator",
        "remove": "Remove",
        "col_email": "E-mail",
        "col_role": "Role",
        "col_state": "State",
        "col_change": "Change",
        "invite_role": "Invite: {role}",
        "role_member": "member",
        "role_negotiator": "negotiator",
        "role_signatory": "signatory",
        "st_draft": "draft",
        "st_negotiation": "negotiation",
        "st_agreed": "agreed",
        "st_signed": "signed",
        "st_in_force": "in force",
        "st_expired": "expired",
        "st_terminated": "terminated",
        "st_withdrawn": "withdrawn",
        "back_to_agreement": "Back to the agreement",
        "form_comment": "Comment",
        "form_reply": "Reply",
        "form_replace": "New wording of the point",
        "form_insert_after": "Text of the new point",
        "form_reject": "Reason for rejecting",
        "form_edit": "Your wording of the point (a new version)",
        "form_transition": "Reason for the change of status",
        "form_invite": "The colleague's e-mail address",
        "form_new_org": 'key: name (e.g. marta: Biedrība "Centrs MARTA")',
        "form_text": "Text",
        "version_created": "Version created: {number}",
        "signed": "Signed: {org}, version {version} · {status}",
        "unknown_action": "unknown action {what}",
        "conflict": "Conflict:",
        "your_text": "Your text:",
        "current_text": "Current text:",
        "not_done": "Not done:",
        "saved": "Saved.",
        "reload": "Please reload the page.",
        "download_docx": "DOCX file",
        "download_pdf": "PDF file",
        "download_answers": "Answers (YAML)",
        "compare": "Compare versions",
        "redline_old": "Old version:",
        "redline_new": "New version:",
        "redline_docx": "Download DOCX with tracked changes",
        "redraft": "Draft a new version in the interview",
        "redraft_hint": "The interview opens with the current version's answers; at the end they become the next version.",
        "waiting_party": "Waiting for party: {name} (its organisation is not registered yet)",
        "waiting_parties": "Parties whose organisation is not registered yet",
        "attach_party": "Attach a registered organisation",
        "form_attach": "The registered organisation's key (e.g. vrs)",
        "start_done": "The agreement {title} is in the registry with the parties: {parties}. The other party sees it in its workspace.",
        "start_waiting": (
            "The organisation {name} is not registered in the workspace yet. The agreement has been "
            "created and it is invited: as soon as the server administrator registers it, it can join "
            "the negotiation. Until then the agreement cannot be agreed."
        ),
        "open_room": "Open the agreement room",
        "login_needed": (
            "To start negotiating you must log in with your own account: the agreement is created "
            "for your organisation, which only a logged-in negotiator of the organisation can do."
        ),
        "login": "Log in",
        "start_failed": "Negotiation not started:",
        "redraft_done": "Version {number} proposed for agreement {slug}.",
        "redraft_failed": "The new version was not proposed:",
        "recheck": "Check the legal basis",
        "recheck_done": "Legal basis checked ({slug}): {verdict}.",
        "recheck_changed": "The verdict changed since the check before.",
        "closed_note": "The agreement is {status}: its text can no longer be commented on or changed, and no changes can be suggested.",
        "invite_party_mail": "Invite by e-mail",
        "form_party_mail": "E-mail address of someone at this organisation to send the invitation to",
        "party_mail_queued": "The invitation to {name} will be sent to {email}.",
    },
}


def language(value) -> str:
    """'en' for English, else Latvian (the default)."""
    return "en" if str(value or "").lower().startswith("en") else "lv"


def tr(lang: str, key: str, **values) -> str:
    """The text ``key`` in ``lang`` (Latvian for any other value), ``{name}`` places filled."""
    text = TEXTS[language(lang)][key]
    return text.format(**values) if values else text


def in_language(text: str | None, lang: str) -> str:
    """The user's half of a core message written "Latvian / English".

    The halves are split at the first " / " outside quotes (quoted user values, e.g. an
    agreement's id, may hold " / " themselves); a text without one is returned whole."""
    s = "" if text is None else str(text)
    quote = None
    for i, ch in enumerate(s):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"" and (i == 0 or not s[i - 1].isalnum()):
            quote = ch
        elif s.startswith(" / ", i):
            return s[:i] if language(lang) == "lv" else s[i + 3 :]
    return s
