"""The agreement registry: storage, lifecycle, signatures, obligations, access, redlines, recheck.

Entry point: :class:`pamats.registry.store.Registry`.
"""

from .store import Registry, default_url

__all__ = ["Registry", "default_url"]
