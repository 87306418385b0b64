"""Turn raw bytes into text, or say exactly why they are not text.

Plain files are never guessed at: UTF-8 (with or without BOM) and UTF-16 with a
BOM are read; anything else is refused with the line and byte offset of the
first bad byte, so the user can fix the file. An HTML page that declares another
charset in a ``<meta>`` tag is read in that charset; when the declaration names
no text encoding Python knows (``rot13``, ``undefined``, a typo) or is wrong,
the charset is detected (charset-normalizer) before giving up.

>>> decode_text(b"caf\\xc3\\xa9\\r\\nok\\n")
'café\\nok\\n'
>>> try:
...     decode_text(b"line one\\ncaf\\xe9\\n")
... except NotText as err:
...     print(err, err.line)
invalid UTF-8 at byte offset 12 (line 2, byte 0xe9); re-encode the file as UTF-8 2
"""
from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = ["NotText", "decode_text", "declared_charset", "looks_binary", "normalize_text", "valid_unicode"]

_SURROGATE = re.compile("[\ud800-\udfff]")

_SNIFF_BYTES = 8192
# Control characters that do not occur in text files (tab, newlines, form feed
# and escape excepted).
_CONTROL = bytes(b for b in range(32) if b not in (8, 9, 10, 12, 13, 27))
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


class NotText(ValueError):
    """The bytes are not readable text; ``line`` is set when a line applies."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def looks_binary(head: bytes) -> bool:
    """True when the first bytes hold NUL or many control characters.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    True
    >>> looks_binary("Plain text, été.".encode())
    False
    """
    head = head[:_SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(head.count(bytes([b])) for b in _CONTROL)
    return controls / len(head) > 0.05


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if Python knows it.

    >>> declared_charset(b'<meta charset="ISO-8859-1">')
    'iso8859-1'
    """
    match = _META_CHARSET.search(head[:4096])
    if not match:
        return None
    try:
        info = codecs.lookup(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None
    # rot13, base64, zlib ... are codecs but not text encodings; "undefined" always fails.
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        return None
    return info.name


def valid_unicode(text: str) -> tuple[str, int]:
    """The text with lone surrogates (from JSON ``"\\ud800"``) replaced by U+FFFD, and how many there were.

    Such text cannot be encoded, hashed or stored; the caller reports the count as a warning.

    >>> valid_unicode("a" + chr(0xD800) + "b")
    ('a�b', 1)
    >>> valid_unicode("été")
    ('été', 0)
    """
    if text.isascii():
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


def _detect(data: bytes) -> str | None:
    """The text of ``data`` in the charset charset-normalizer finds most likely, or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding in (None, "utf_8"):
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeError, LookupError):
        return None


def normalize_text(text: str) -> str:
    """Unify newlines and Unicode composition (NFC) so equal texts compare equal."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def decode_text(data: bytes, *, html: bool = False, base_offset: int = 0, base_line: int = 1) -> str:
    """Decode bytes as UTF-8 (or UTF-16 with BOM) and normalise; raise NotText otherwise.

    ``base_offset`` and ``base_line`` place ``data`` inside a larger file so
    that the reported position is the file's. With ``html``, a charset
    declared by the page is honoured when UTF-8 fails.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return normalize_text(data.decode("utf-16"))
        except UnicodeDecodeError as err:
            raise NotText(f"invalid UTF-16 at byte offset {base_offset + err.start}") from None
    if looks_binary(data):
        raise NotText("binary content (NUL or control bytes), not text")
    try:
        return normalize_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        if html:
            charset = declared_charset(data)
            if charset and charset not in ("utf-8", "utf-8-sig"):
                try:
                    return normalize_text(data.decode(charset))
                except UnicodeError:
                    pass  # the declaration is wrong too: detect
            if _META_CHARSET.search(data[:4096]):  # a page that declares a charset is no UTF-8 file
                detected = _detect(data)
                if detected is not None:
                    return normalize_text(detected)
        # utf-8-sig reports offsets after a BOM it consumed.
        start = err.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
        line = base_line + data.count(b"\n", 0, start)
        raise NotText(
            f"invalid UTF-8 at byte offset {base_offset + start} "
            f"(line {line}, byte 0x{data[start]:02x}); re-encode the file as UTF-8",
            line=line,
        ) from None
