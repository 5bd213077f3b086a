"""This file is the one place the amendment modules take Latvian grammar helpers from.

If the helpers move (e.g. to ``pamats.text.latvian``), only the import below changes.
"""

from ...text.latvian import ORDINALS, date_en, date_lv, feminine_position, issued_under_en, izdoti_line, join_and

__all__ = ["ORDINALS", "date_en", "date_lv", "feminine_position", "issued_under_en", "izdoti_line", "join_and"]
