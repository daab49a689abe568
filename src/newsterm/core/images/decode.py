"""A picture's bytes to a few thousand pixels the reader can draw, whatever the bytes are.

Every image is hostile until decoded here. The format is told from the bytes (an "image"
that is a web page or an SVG drawing is refused, never run), the declared size is read
before any pixel (a 1 KB PNG that declares 100,000 × 100,000 pixels costs nothing), a
GIF gives its first frame only, a JPEG is decoded at the reduced scale it is drawn at
(and one of more scans than any camera writes is refused: each scan is decoded whole),
and a truncated or corrupt file is one line of reason. The bounds: at most
`MAX_PIXELS` pixels of a PNG, GIF, WebP or BMP are decoded (about 110 MB at the
largest, briefly, in a worker thread: the reader decodes one picture at a time), a
JPEG's declared size may be larger since it is decoded at 1/8 of it, and the bytes are
at most `MAX_BYTES`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

__all__ = ["MAX_BYTES", "MAX_PIXELS", "ImageError", "Picture", "decode_picture"]

MAX_BYTES = 8 * 2**20
MAX_PIXELS = 16_000_000  # a 4900 × 3265 picture: about 110 MB while it is decoded
_MAX_JPEG_PIXELS = 64_000_000  # decoded at an eighth of each side: 1 MB
_MAX_JPEG_SCANS = 100  # a progressive JPEG has about ten; each one is decoded in full
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

    if kind == "JPEG" and data.count(b"\xff\xda") > _MAX_JPEG_SCANS:  # 0xFF in data is 0xFF00
        raise ImageError("a JPEG of more scans than any camera writes: not decoded")
    from PIL import ImageOps

    Image.MAX_IMAGE_PIXELS = None  # checked below against lower limits, and without warnings
    try:
        opened = Image.open(io.BytesIO(data), formats=[kind])
        width, height = opened.size
        if width < 1 or height < 1 or width > _MAX_SIDE or height > _MAX_SIDE:
            raise ImageError(f"declares {width:,} × {height:,} pixels: not decoded")
        if width * height > (_MAX_JPEG_PIXELS if kind == "JPEG" else MAX_PIXELS):
            raise ImageError(f"declares {width:,} × {height:,} pixels: too many to decode")
        if kind == "JPEG":
            opened.draft("RGB", (max_width, max_height))  # decode at 1/2, 1/4 or 1/8 scale
        opened.load()  # one frame: a GIF's first, however many it has
        image: Image.Image = opened
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA")  # palettes, 16-bit grey, CMYK: scaled smoothly
        image = ImageOps.exif_transpose(image)  # a phone's portrait photo stands up
        image.thumbnail((max_width, max_height), Image.Resampling.BILINEAR)
        # 32 levels a channel: no eye tells more apart at a cell's size, and neighbours
        # that become one colour are painted (and sent to the terminal) as one run.
        pixels = Image.eval(image.convert("RGBA"), _to_32_levels)
    except ImageError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError, MemoryError):
        raise ImageError("the picture is damaged or cut short") from None
    return Picture(pixels.width, pixels.height, pixels.tobytes())
