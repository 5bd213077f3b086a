"""This file defines the renderers package: DOCX (docxtpl), Markdown, Akoma Ntoso XML, PDF (LibreOffice)."""
