"""This file defines the ``pamats`` command line (one command, subcommands)."""
