"""This package holds the bundled consolidated law texts and the citation check.

- :mod:`.texts`: the bundled texts (``pamats/_data/sources/<jurisdiction>/<id>-<slug>.json``)
  and the look-up of a section, part or point in them;
- :mod:`.structure`: how a Latvian section's text divides into parts (daļas) and points (punkti);
- :mod:`.citation`: the citation a landscape provision carries (``cites:``);
- :mod:`.collect`: the citations of landscape and answers files, with file and line;
- :mod:`.check`: ``pamats sources check``: every citation resolves, every ``verified: true``
  is backed by stored text;
- :mod:`.snapshot`: importing a law from a public snapshot (Ansvar-Systems/Latvian-law-mcp).
"""

from .citation import Citation
from .texts import LawText, Lookup, bundled_laws, lookup

__all__ = ["Citation", "LawText", "Lookup", "bundled_laws", "lookup"]
