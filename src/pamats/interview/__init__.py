"""This package holds what the docassemble interviews call: plain Python over the core.

The interviews (``interviews/*.yml``, package ``docassemble.pamats``) stay thin: they ask,
collect an answers dict in the format ``pamats draft`` reads, and call these functions to
validate it, build the document context for the shared DOCX templates, and check the
legal basis. Nothing here imports docassemble.
"""
