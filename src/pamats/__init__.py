"""pamats: legal-basis checks, drafting and agreement management for a national referral
mechanism for victims of human trafficking (Latvia first).

The core never imports docassemble; ``docassemble.pamats`` is a thin interview layer.
"""

__version__ = "0.1.0"
