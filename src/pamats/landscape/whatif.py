"""This file defines the what-if run: the same landscape before and after adopting drafts.

Draft instruments are loaded as if adopted (see :func:`pamats.landscape.load.load_landscape`,
``drafts=``); findings are matched by their subject (the flow, or the actor and NRM code) to
say which gaps close, which remain (perhaps with another code: e.g. an agreement turns
``NO_BASIS`` into ``RANK_TOO_LOW``) and which the drafts open.

An amendment in force on the date withdraws the provisions it restates or deletes
(``withdraws``). What the what-if cannot model it says (``review``, Latvian and English, from the
text catalogue ``whatif.*``): a provision whose words the amendment replaces without saying what
it then authorises (``words_replaced``: kept as it was), and the amended act's provisions that the
landscape does not tie to a point number (they cannot be withdrawn automatically).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .check import check_landscape
from .findings import GapReport
from .load import Landscape, load_landscape
from .model import Instrument

__all__ = ["WhatIf", "what_if"]


@dataclass
class WhatIf:
    before: GapReport
    after: GapReport
    # what the what-if cannot model and a person must review: {"kind", "draft", "instrument",
    # "provisions", "message": {"lv", "en"}} (in the JSON only when there is something to say)
    review: list[dict] = field(default_factory=list)

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
            **({"review": self.review} if self.review else {}),
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
    review = _review(ls, as_of)
    _withdraw(ls, as_of)
    return WhatIf(before, check_landscape(ls, as_of), review)


def _amending(ls: Landscape, as_of: dt.date) -> list[Instrument]:
    """The adopted drafts in force on ``as_of`` that change provisions of another instrument."""
    out = []
    for iid in sorted(ls.adopted):
        ins = ls.instruments[iid]
        if (ins.withdraws or ins.words_replaced) and not (ins.valid_from is not None and ins.valid_from > as_of):
            out.append(ins)
    return out


# the id of a provision tied to a point number (pamats.drafting.amendment.to_landscape: 'p2-2', 'p5_1')
_POINT_ID = re.compile(r"p\d+(_\d+)?(-\d+(_\d+)?)*")


def _review(ls: Landscape, as_of: dt.date) -> list[dict]:
    """What the what-if says it cannot model (see the module docstring), before withdrawing."""
    from ..text.messages import msg

    out: list[dict] = []
    for ins in _amending(ls, as_of):
        for w in ins.words_replaced:
            target = ls.instruments.get(w.instrument)
            prov = next((p for p in target.provisions if p.id == w.provision), None) if target else None
            if prov is None:  # the landscape does not model that unit: no provision keeps its old meaning
                continue
            name = target.short or target.id
            texts = {
                lg: msg("whatif.words_not_modelled", lg, draft=ins.id, instrument=name, ref=ref)
                for lg, ref in (("lv", prov.ref), ("en", prov.ref_en or prov.ref))
            }
            out.append(_note("words_not_modelled", ins.id, target.id, [prov.id], texts))
        for tid in dict.fromkeys(w.instrument for w in [*ins.withdraws, *ins.words_replaced]):
            target = ls.instruments.get(tid)
            untied = [p for p in (target.provisions if target else []) if not _POINT_ID.fullmatch(p.id)]
            if not untied:
                continue
            name = target.short or target.id
            texts = {
                lg: msg(
                    "whatif.untied",
                    lg,
                    draft=ins.id,
                    instrument=name,
                    provisions="; ".join(f"{p.id} ({p.ref if lg == 'lv' else p.ref_en or p.ref})" for p in untied),
                )
                for lg in ("lv", "en")
            }
            out.append(_note("untied", ins.id, tid, [p.id for p in untied], texts))
    return out


def _note(kind: str, draft: str, instrument: str, provisions: list[str], texts: dict) -> dict:
    return {"kind": kind, "draft": draft, "instrument": instrument, "provisions": provisions, "message": texts}


def _withdraw(ls: Landscape, as_of: dt.date) -> None:
    """An adopted draft in force on ``as_of`` that restates or deletes provisions of another
    instrument (``withdraws``: an amendment) takes them out: the old wording no longer authorises
    anything. A provision the landscape does not model has nothing to withdraw."""
    gone: dict[str, set[str]] = {}
    for ins in _amending(ls, as_of):
        for w in ins.withdraws:
            gone.setdefault(w.instrument, set()).add(w.provision)
    for iid, provs in gone.items():
        target = ls.instruments.get(iid)
        if target is not None:
            kept = [p for p in target.provisions if p.id not in provs]
            ls.instruments[iid] = target.model_copy(update={"provisions": kept})
