"""This file defines the what-if run: the same landscape before and after adopting drafts.

Draft instruments are loaded as if adopted (see :func:`pamats.landscape.load.load_landscape`,
``drafts=``); findings are matched by their stable key (``CODE:flow`` or ``CODE:actor``) to
say which gaps close, which remain and which the drafts open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .check import check_landscape
from .findings import GapReport
from .load import load_landscape

__all__ = ["WhatIf", "what_if"]


@dataclass
class WhatIf:
    before: GapReport
    after: GapReport

    def _keys(self, rep: GapReport) -> list[str]:
        return [f.key for f in rep.findings]

    @property
    def closed(self) -> list[str]:
        after = set(self._keys(self.after))
        return [k for k in self._keys(self.before) if k not in after]

    @property
    def remaining(self) -> list[str]:
        after = set(self._keys(self.after))
        return [k for k in self._keys(self.before) if k in after]

    @property
    def opened(self) -> list[str]:
        before = set(self._keys(self.before))
        return [k for k in self._keys(self.after) if k not in before]

    @property
    def exit_code(self) -> int:
        return self.after.exit_code

    def to_json(self) -> dict:
        return {"schema": "pamats.what-if/1", "as_of": self.before.as_of.isoformat(),
                "drafts": list(self.after.drafts), "closed": self.closed, "remaining": self.remaining,
                "opened": self.opened, "before": self.before.to_json(), "after": self.after.to_json()}


def what_if(paths: Sequence[str | Path], drafts: Sequence[str | Path], as_of: dt.date, *,
            extra: Sequence[tuple[dict, str]] = (), extra_drafts: Sequence[tuple[dict, str]] = ()) -> WhatIf:
    """Check ``paths`` as they are, then with ``drafts`` (files) and ``extra_drafts`` (dicts) adopted."""
    before = check_landscape(load_landscape(paths, extra=extra), as_of)
    after = check_landscape(load_landscape(paths, extra=extra, drafts=drafts, draft_data=extra_drafts, as_of=as_of), as_of)
    return WhatIf(before, after)
