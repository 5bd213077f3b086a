"""Texts a person reads: the message catalogue (:mod:`pamats.text.messages`, one YAML file per
language in ``catalogue/``) and Latvian / English grammar helpers (:mod:`pamats.text.latvian`,
:mod:`pamats.text.english`). Imports nothing else of pamats but its YAML reader and errors."""
