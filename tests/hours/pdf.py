"""Reading back what a PDF says, without a PDF library.

WeasyPrint writes each font as a subset with a ToUnicode map from glyph
numbers to characters, and the text as glyph numbers. Decoding the text
operators of every page gives back the characters drawn, in order.
"""

import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def streams(pdf: bytes) -> list[bytes]:
    result = []
    for raw in _STREAM.findall(pdf):
        try:
            result.append(zlib.decompress(raw))
        except zlib.error:
            result.append(raw)
    return result


def _unicode_maps(parts: list[bytes]) -> list[dict[int, str]]:
    maps = []
    for part in parts:
        if b"beginbfchar" not in part and b"beginbfrange" not in part:
            continue
        mapping: dict[int, str] = {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", part, re.S):
            for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", part, re.S):
            for lo, hi, dst in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
            ):
                start = int(dst, 16)
                for n, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                    mapping[code] = chr(start + n)
        maps.append(mapping)
    return maps


def text_of(pdf: bytes) -> str:
    """Every character drawn, trying each font's map on each text string."""
    parts = streams(pdf)
    maps = _unicode_maps(parts)
    merged: dict[int, str] = {}
    for mapping in maps:
        for code, char in mapping.items():
            merged.setdefault(code, char)
    drawn = []
    for part in parts:
        for hexes in re.findall(rb"\[([^\]]*)\]\s*TJ", part):
            for chunk in re.findall(rb"<([0-9A-Fa-f]+)>", hexes):
                data = bytes.fromhex(chunk.decode())
                for i in range(0, len(data) - 1, 2):
                    drawn.append(merged.get(int.from_bytes(data[i : i + 2]), "?"))
        drawn.append("\n")
    return "".join(drawn)


def font_names(pdf: bytes) -> set[str]:
    names = set()
    for part in [pdf, *streams(pdf)]:
        names |= {
            m.decode() for m in re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", part)
        }
    return names


def link_targets(pdf: bytes) -> list[str]:
    found = re.findall(rb"/URI\s*\(([^)]*)\)", pdf)
    for part in streams(pdf):
        found += re.findall(rb"/URI\s*\(([^)]*)\)", part)
    return [f.decode() for f in found]
