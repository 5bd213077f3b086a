"""This file defines the ``pamats`` entry point and its exit codes.

Exit codes: 0 success (no gaps), 1 gaps or lint findings found, 2 bad input or usage.
A :class:`pamats.errors.PamatsError` is printed as a clear message, never a traceback.
Each subcommand group lives in its own module and registers itself on :data:`cli`.
"""

from __future__ import annotations

import gc
import sys

import click

from ..errors import PamatsError

__all__ = ["cli", "main"]


class _Group(click.Group):
    def invoke(self, ctx: click.Context):  # noqa: D401
        try:
            return super().invoke(ctx)
        except PamatsError as e:
            click.echo(f"error: {e}", err=True)
            ctx.exit(e.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="docassemble.pamats", prog_name="pamats")
def cli() -> None:
    """pamats: legal-basis gap reports, legal drafting and agreement management for a
    national referral mechanism for victims of human trafficking (Latvia first).

    Exit codes: 0 ok / no gaps, 1 gaps or findings, 2 bad input or usage.
    """


def _register() -> None:
    from . import agreements, demo, draft, gaps, graph, sources, workspace  # noqa: F401  (each adds its commands)


def main(argv: list[str] | None = None) -> int:
    _register()
    # One command is one short process: Python's cyclic collector is paused while it runs
    # (loading and checking 100,000 flows allocate millions of small objects and no cycles
    # worth collecting; the collector's full scans would cost ~40% of the time). Only this
    # entry point does so; library code (the docassemble server imports it) never touches it.
    was = gc.isenabled()
    gc.disable()
    try:
        cli.main(args=argv, prog_name="pamats", standalone_mode=True)
    except SystemExit as e:  # click exits through SystemExit in standalone mode
        code = e.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    finally:
        if was:
            gc.enable()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
