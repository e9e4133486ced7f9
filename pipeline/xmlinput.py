"""XML files from other tools (TBX termbases, TMX memories), read as XML allows.

The bytes go to the parser, so an encoding declaration (UTF-16, GB18030…)
or a byte-order mark is honoured; entities are not expanded and nothing is
fetched from the network. Errors name the file and line.
"""

from __future__ import annotations

from lxml import etree

from .errors import InputError

__all__ = ["parse_xml", "local_name", "XML_LANG"]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse_xml(data: str | bytes, *, path: str, kind: str) -> etree._Element:
    """The root element of an XML file; an InputError with the line where it is not well-formed."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    source = data.encode("utf-8") if isinstance(data, str) else data
    if isinstance(data, str) and source.lstrip().startswith(b"<?xml"):
        # text already decoded: drop a declared encoding the parser would otherwise apply again
        end = source.find(b"?>")
        source = b'<?xml version="1.0" encoding="UTF-8"?>' + source[end + 2 :] if end > 0 else source
    try:
        root = etree.fromstring(source, parser)
    except etree.XMLSyntaxError as error:
        raise InputError(f"not valid {kind}/XML: {error.msg}", path=path, line=error.lineno or None) from None
    if root is None:
        raise InputError(f"not valid {kind}/XML: no element", path=path, line=1)
    return root


def local_name(element: etree._Element) -> str:
    """The tag without its namespace; '' for comments and processing instructions."""
    tag = element.tag
    return tag.split("}")[-1] if isinstance(tag, str) else ""
