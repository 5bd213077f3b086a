"""This file defines the legal-basis check run from the dashboard (issue 11).

A negotiator (or signatory) of a party presses "check the legal basis" on the dashboard:
:meth:`LegalBasisMixin.recheck_agreement` decides access from the account (an outsider gets the
one "not found", as for every agreement link), runs the registry's ``recheck``
(:func:`pamats.registry.recheck.recheck`: the latest version's answers against the landscape
the server is configured with) for that one agreement and stores the verdict with
:meth:`DashboardMixin.record_recheck`, which raises the dashboard's "changed" warning when the
verdict differs from the check before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ...errors import InputError
from ..recheck import LIVE, recheck
from .access import Principal, agreement_for, require_status

__all__ = ["LegalBasisMixin"]


class LegalBasisMixin:
    reg: object

    def recheck_agreement(
        self,
        p: Principal,
        slug: str,
        landscape: Sequence[str | Path],
        *,
        drafts: Sequence[str | Path] = (),
        as_of: dt.date | None = None,
    ) -> dict:
        """Check one agreement's legal basis now and keep the verdict: {slug, ok, problems: [codes],
        messages: [text], changed: bool}."""
        with self.reg.tx() as s:
            a, m = agreement_for(s, p, slug, "recheck")
            require_status(a, LIVE, "pārbaudīt tiesisko pamatu / check the legal basis")
            username, slug = m.user.username, a.slug
        if not landscape:
            raise InputError(
                "serverim nav norādīta tiesiskā vide (landscape) / the server has no landscape configured",
                hint="docassemble config.yml: pamats: landscape: [ceļš / path]",
            )
        checks = [c for c in recheck(self.reg, username, landscape, drafts=drafts, as_of=as_of, slugs=[slug])]
        if not checks:  # the agreement left the live statuses meanwhile
            raise InputError(f"līgumu {slug!r} nevar pārbaudīt / agreement {slug!r} cannot be checked now")
        (c,) = checks
        changed = slug in self.record_recheck(p, checks)
        return {
            "slug": slug,
            "ok": c.ok,
            "problems": sorted({x.get("code", "?") for x in c.problems}),
            "messages": [str(x.get("message") or "") for x in c.problems],
            "changed": changed,
        }
