"""This file defines where bundled data lives: landscapes (graph/), templates/, agreements/.

In a source checkout these are the top-level folders; in an installed wheel they are
package data under ``pamats/_data`` (symlinks in the source tree, copies in the wheel).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_dir", "graph_dir", "templates_dir", "agreements_dir", "answers_dir"]

_HERE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Directory of bundled data ``name`` (``graph``, ``templates``, ``agreements`` or ``answers``)."""
    candidate = _HERE / "_data" / name
    if candidate.exists():
        return candidate
    repo = _HERE.parent.parent / name  # src/pamats -> repo root
    return repo


def graph_dir() -> Path:
    return data_dir("graph")


def templates_dir() -> Path:
    return data_dir("templates")


def agreements_dir() -> Path:
    return data_dir("agreements")


def answers_dir() -> Path:
    """Bundled answers files (the seed's regulation, order and annotation)."""
    return data_dir("answers")
