"""Lazy public names (PEP 562) for the packages that export many: a name is imported from its
module on first access and then kept in the package's namespace."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

__all__ = ["load"]


def load(
    package: str, exports: Mapping[str, str | tuple[str, str]], namespace: dict[str, Any], name: str
) -> Any:
    """``name`` of ``package``, imported from the module its ``exports`` entry names (a relative
    module, or a module and the attribute's name there), and stored in ``namespace``."""
    try:
        entry = exports[name]
    except KeyError:
        raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
    module, attribute = (entry, name) if isinstance(entry, str) else entry
    value = getattr(importlib.import_module(module, package), attribute)
    namespace[name] = value
    return value
