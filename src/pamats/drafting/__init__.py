"""This file defines the drafting package: answers -> Instrument -> DOCX / Markdown / Akoma Ntoso."""
