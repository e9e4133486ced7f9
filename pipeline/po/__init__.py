"""gettext PO files: the model, a strict lossless reader, and a writer whose output matches GNU gettext's byte for byte.

The writer (and its line-breaking tables) loads on first use: `newsroom check` only reads.
"""

from __future__ import annotations

from typing import Any

from .model import Catalog, Entry
from .read import read_po

__all__ = ["Catalog", "Entry", "read_po", "string_lines", "write_po"]


def __getattr__(name: str) -> Any:
    if name == "write_po":
        from .write import write_po

        return write_po
    if name == "string_lines":
        from .wrap import string_lines

        return string_lines
    raise AttributeError(name)
