"""This file defines the agreement lifecycle: the table of allowed status transitions.

draft -> negotiation -> agreed -> signed -> in_force -> expired | terminated; withdrawn from
draft, negotiation or agreed; agreed may go back to negotiation (reopened). ``signed`` is
reached only when every party has signed the same version; ``in_force`` only from a signed
agreement whose start date has come; ``expired`` only once the end date has passed.
The guards live in the store (they need the data); this table is the single source of truth.
"""

from __future__ import annotations

__all__ = ["TRANSITIONS", "allowed", "EDITABLE", "SIGNABLE"]

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("negotiation", "withdrawn"),
    "negotiation": ("agreed", "withdrawn"),
    "agreed": ("signed", "negotiation", "withdrawn"),
    "signed": ("in_force", "terminated"),
    "in_force": ("expired", "terminated"),
    "expired": (),
    "terminated": (),
    "withdrawn": (),
}

EDITABLE = ("draft", "negotiation")  # new versions may be proposed
SIGNABLE = ("agreed",)  # parties may sign the latest version


def allowed(src: str, dst: str) -> bool:
    return dst in TRANSITIONS.get(src, ())
