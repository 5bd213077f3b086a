"""This file defines the what-if run: the same landscape before and after adopting drafts.

Draft instruments are loaded as if adopted (see :func:`pamats.landscape.load.load_landscape`,
``drafts=``); findings are matched by their subject (the flow, or the actor and NRM code) to
say which gaps close, which remain (perhaps with another code: e.g. an agreement turns
``NO_BASIS`` into ``RANK_TOO_LOW``) and which the drafts open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .check import check_landscape
from .findings import GapReport
from .load import Landscape, load_landscape

__all__ = ["WhatIf", "what_if"]


@dataclass
class WhatIf:
    before: GapReport
    after: GapReport

    @staticmethod
    def _subjects(rep: GapReport) -> dict[str, str]:
        """Finding key by subject (``CODE:subject`` -> subject is the flow or actor and the code's group)."""
        out = {}
        for f in rep.findings:
            group = "NRM:" + f.code if f.flow is None else "FLOW"
            out[f"{group}:{f.flow.id if f.flow is not None else f.actor}"] = f.key
        return out

    @property
    def closed(self) -> list[str]:
        """Before-keys of gaps that no longer exist after the drafts."""
        after = self._subjects(self.after)
        return [k for s, k in self._subjects(self.before).items() if s not in after]

    @property
    def remaining(self) -> list[str]:
        """After-keys of gaps that exist before and after (the code may have changed)."""
        before = self._subjects(self.before)
        return [k for s, k in self._subjects(self.after).items() if s in before]

    @property
    def opened(self) -> list[str]:
        """After-keys of gaps the drafts create."""
        before = self._subjects(self.before)
        return [k for s, k in self._subjects(self.after).items() if s not in before]

    @property
    def exit_code(self) -> int:
        return self.after.exit_code

    def to_json(self) -> dict:
        return {
            "schema": "pamats.what-if/1",
            "as_of": self.before.as_of.isoformat(),
            "drafts": list(self.after.drafts),
            "closed": self.closed,
            "remaining": self.remaining,
            "opened": self.opened,
            "before": self.before.to_json(),
            "after": self.after.to_json(),
        }


def what_if(
    paths: Sequence[str | Path],
    drafts: Sequence[str | Path],
    as_of: dt.date,
    *,
    extra: Sequence[tuple[dict, str]] = (),
    extra_drafts: Sequence[tuple[dict, str]] = (),
) -> WhatIf:
    """Check ``paths`` as they are, then with ``drafts`` (files) and ``extra_drafts`` (dicts) adopted."""
    before = check_landscape(load_landscape(paths, extra=extra), as_of)
    ls = load_landscape(paths, extra=extra, drafts=drafts, draft_data=extra_drafts, as_of=as_of)
    _withdraw(ls, as_of)
    return WhatIf(before, check_landscape(ls, as_of))


def _withdraw(ls: Landscape, as_of: dt.date) -> None:
    """An adopted draft in force on ``as_of`` that restates or deletes provisions of another
    instrument (``withdraws``: an amendment) takes them out: the old wording no longer authorises
    anything. A provision the landscape does not model has nothing to withdraw."""
    gone: dict[str, set[str]] = {}
    for iid in ls.adopted:
        ins = ls.instruments[iid]
        if ins.valid_from is not None and ins.valid_from > as_of:
            continue
        for w in ins.withdraws:
            gone.setdefault(w.instrument, set()).add(w.provision)
    for iid, provs in gone.items():
        target = ls.instruments.get(iid)
        if target is not None:
            kept = [p for p in target.provisions if p.id not in provs]
            ls.instruments[iid] = target.model_copy(update={"provisions": kept})
