"""A picture's bytes to a few thousand pixels the reader can draw, whatever the bytes are.

Every image is hostile until decoded here. The format is told from the bytes (an "image"
that is a web page or an SVG drawing is refused, never run), the declared size is read
before any pixel (a 1 KB PNG that declares 100,000 × 100,000 pixels costs nothing), a
GIF gives its first frame only, a JPEG is decoded at the reduced scale it is drawn at,
and a truncated or corrupt file is one line of reason. The bound: at most
`MAX_PIXELS` pixels are ever decoded (about 100 MB for the largest PNG, briefly, in a
worker thread), from at most `MAX_BYTES` bytes.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

__all__ = ["MAX_BYTES", "MAX_PIXELS", "ImageError", "Picture", "decode_picture"]

MAX_BYTES = 8 * 2**20
MAX_PIXELS = 25_000_000  # a 6000 × 4000 photograph; 100 MB of RGBA at the most
_MAX_SIDE = 20_000
_FORMATS = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"BM": "BMP",
}


class ImageError(Exception):
    """Why a picture cannot be shown, as one line for the place it would have been."""


@dataclass(frozen=True, slots=True)
class Picture:
    """Pixels scaled to be drawn: RGBA bytes, row by row."""

    width: int
    height: int
    rgba: bytes

    def pixel(self, x: int, y: int) -> tuple[int, int, int, int]:
        at = 4 * (y * self.width + x)
        r, g, b, a = self.rgba[at : at + 4]
        return r, g, b, a


def _to_32_levels(value: int) -> int:
    return value & 0xF8


def image_format(data: bytes) -> str:
    """The format the bytes are in, told from their first bytes (not the server's word)."""
    for magic, name in _FORMATS.items():
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        raise ImageError("an SVG drawing: not shown (it could fetch and run things)")
    if head.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<")):
        raise ImageError("not a picture: the server sent a web page")
    raise ImageError("not a picture this reader can show")


def decode_picture(data: bytes, max_width: int, max_height: int) -> Picture:
    """The picture scaled to fit `max_width` × `max_height` pixels, or ImageError."""
    if len(data) > MAX_BYTES:
        raise ImageError(f"too large to show ({len(data) / 2**20:.0f} MB)")
    if max_width < 1 or max_height < 1:
        raise ImageError("no room to show it")
    kind = image_format(data)
    from PIL import Image, UnidentifiedImageError  # only when a picture is shown

    try:
        with warnings.catch_warnings():  # the size is checked here, against a lower limit
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[kind])
        width, height = image.size
        if width < 1 or height < 1 or width > _MAX_SIDE or height > _MAX_SIDE:
            raise ImageError(f"declares {width:,} × {height:,} pixels: not decoded")
        if width * height > MAX_PIXELS:
            raise ImageError(f"declares {width:,} × {height:,} pixels: too many to decode")
        if kind == "JPEG":
            image.draft("RGB", (max_width, max_height))  # decode at 1/2, 1/4 or 1/8 scale
        image.load()  # one frame: a GIF's first, however many it has
        image.thumbnail((max_width, max_height), Image.Resampling.BILINEAR)
        # 32 levels a channel: no eye tells more apart at a cell's size, and neighbours
        # that become one colour are painted (and sent to the terminal) as one run.
        pixels = Image.eval(image.convert("RGBA"), _to_32_levels)
    except ImageError:
        raise
    except Image.DecompressionBombError:
        raise ImageError("declares more pixels than any picture needs: not decoded") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError, MemoryError):
        raise ImageError("the picture is damaged or cut short") from None
    return Picture(pixels.width, pixels.height, pixels.tobytes())
