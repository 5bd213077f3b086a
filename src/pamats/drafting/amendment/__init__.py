"""Amending acts (issue 13): acts in force as data, amendment instructions, the amending
regulation, the consolidated text and instructions derived from two versions of an act.

Modules: :mod:`.numbers` (unit numbers with superscripts), :mod:`.act` (the act-in-force
model and loader), :mod:`.answers` (amendment answers), :mod:`.instructions` (instructions
resolved against an act), :mod:`.consolidate` (applying them), :mod:`.derive` (instructions
from two versions), :mod:`.wording` (the amending act's text), ``render_*`` (outputs).
"""
