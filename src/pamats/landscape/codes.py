"""This file defines the one registry of finding codes: id, order, severity and terminal colour.

Finding codes are stable (CI may depend on them). Their titles, help, messages and
explanations, in Latvian and English, are in the text catalogue
(``src/pamats/text/catalogue/<lang>.yaml``, keys ``code.<ID>.*``; :mod:`pamats.text.messages`).

``flow_rule`` codes are the per-flow rules in the order a flow is checked (the first that
fails names the finding); the others are NRM coverage findings about an institution.
``severity``: ``high`` when no lawful path exists at all (no basis, a basis of too low a rank,
an NRM path missing), ``medium`` when a basis exists but its instrument fails (binding, in
force, empowerment), ``low`` when a basis covers the parties but not the purpose or the data.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FindingCode", "REGISTRY", "CODES", "FLOW_RULE_ORDER", "RULE_POS", "code_info"]


@dataclass(frozen=True, slots=True)
class FindingCode:
    id: str
    order: int  # position in reports and in the per-flow rule order
    flow_rule: bool  # a per-flow rule (else an NRM coverage finding)
    severity: str  # high / medium / low
    colour: str  # rich style of the terminal table


REGISTRY: tuple[FindingCode, ...] = (
    FindingCode("NO_BASIS", 0, True, "high", "bold red"),
    FindingCode("PURPOSE_NOT_COVERED", 1, True, "low", "yellow"),
    FindingCode("EXCESS_DATA", 2, True, "low", "yellow"),
    FindingCode("NOT_BINDING", 3, True, "medium", "red"),
    FindingCode("NOT_IN_FORCE", 4, True, "medium", "magenta"),
    FindingCode("RANK_TOO_LOW", 5, True, "high", "bold red"),
    FindingCode("BROKEN_EMPOWERMENT", 6, True, "medium", "magenta"),
    FindingCode("NRM_NO_PATH_TO_PROVIDER", 7, False, "high", "bold yellow"),
    FindingCode("NRM_NO_PATH_TO_POLICE", 8, False, "high", "bold yellow"),
)

_BY_ID = {c.id: c for c in REGISTRY}
CODES: list[str] = [c.id for c in sorted(REGISTRY, key=lambda c: c.order)]
FLOW_RULE_ORDER: list[str] = [c for c in CODES if _BY_ID[c].flow_rule]
RULE_POS: dict[str, int] = {c: i for i, c in enumerate(FLOW_RULE_ORDER)}


def code_info(code: str) -> FindingCode | None:
    """The registry entry of ``code`` (None for a code this version does not know)."""
    return _BY_ID.get(code)
