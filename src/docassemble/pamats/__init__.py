"""docassemble.pamats: the pamats guided interviews as a docassemble package.

A regular package (docassemble's template lookup needs one). Its data lives in the
repository's top-level folders: ``data/questions`` is ``interviews/`` and
``data/templates`` is ``templates/`` (symlinks in a checkout, real files in the wheel).
On a docassemble server: ``/interview?i=docassemble.pamats:data/questions/<file>.yml``.
The interviews call the core (``pamats``); the core never imports docassemble.
"""

__version__ = "0.1.0"
