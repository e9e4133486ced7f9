"""newsroom: a translation pipeline for a bilingual Chinese/English newsroom.

Markdown articles -> sentences -> gettext PO files (merged, pre-filled by
machine translation, reviewed by people) -> the other language's edition,
linked to its source.
"""

__version__ = "0.1.0"
