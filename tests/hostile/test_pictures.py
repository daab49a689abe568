"""Hostile pictures cost one line in place of the picture, within a bound, never the app.

Each case is made here, byte by byte where Pillow would refuse to write it: a PNG that
declares 100,000 × 100,000 pixels, cut-short and corrupt files, an SVG, a GIF of 10,000
frames, a web page served as a JPEG, a 50 MB "image".
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from newsterm.core.images.decode import ImageError, decode_picture


def _png(width: int, height: int, colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_declaring(width: int, height: int) -> bytes:
    """A 1 KB PNG whose header claims `width` × `height` pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 1000)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", rows)
        + _chunk(b"IEND", b"")
    )


def _gif_of_frames(count: int) -> bytes:
    """A 1×1 GIF with `count` frames, the first red."""
    head = b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0x80, 0, 0) + b"\xff\x00\x00\x00\x00\xff"
    frame = (
        b"\x21\xf9\x04\x00\x0a\x00\x00\x00"  # graphic control: 0.1 s
        + b"\x2c"
        + struct.pack("<HHHHB", 0, 0, 1, 1, 0)
        + b"\x02\x02\x44\x01\x00"  # LZW: one pixel of colour 0
    )
    return head + frame * count + b"\x3b"


def _near(got: tuple[int, ...], want: tuple[int, ...]) -> bool:
    """Colours are kept to 32 levels a channel: within 8 of the original."""
    return all(0 <= w - g < 8 for g, w in zip(got, want, strict=True))


def test_a_picture_is_scaled_to_fit_with_its_colours() -> None:
    picture = decode_picture(_png(400, 300), 80, 40)
    assert (picture.width, picture.height) == (53, 40)  # 4:3 kept inside 80 × 40
    assert _near(picture.pixel(10, 10), (200, 30, 30, 255))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (_png_declaring(100_000, 100_000), "declares 100,000 × 100,000 pixels"),
        (_png_declaring(10_000, 10_000), "too many to decode"),
        (_png(300, 200)[:400], "damaged or cut short"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "damaged or cut short"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "SVG"),
        (b"<!DOCTYPE html><html><body>Not found</body></html>", "web page"),
        (b"\xff\xd8\xff" + bytes(50 * 2**20), "too large"),
        (b"GIF89a", "damaged or cut short"),
        (b"\xff\xd8\xff\xe0" + b"\xff\xda\x00\x08" * 500, "more scans"),
        (b"", "not a picture"),
    ],
    ids=[
        "bomb",
        "too-many",
        "truncated",
        "corrupt",
        "svg",
        "html-as-jpeg",
        "50mb",
        "gif-head",
        "many-scans",
        "empty",
    ],
)
def test_hostile_pictures_are_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(ImageError, match=reason) as refused:
        decode_picture(data, 120, 60)
    assert "\n" not in str(refused.value)


def test_a_16_bit_grey_png_and_a_phones_portrait_photo_read_as_they_look() -> None:
    grey = io.BytesIO()
    Image.new("I;16", (40, 20), 30000).save(grey, "PNG")
    assert decode_picture(grey.getvalue(), 20, 20).width == 20
    photo = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: shown rotated a quarter turn
    Image.new("RGB", (60, 40), (10, 10, 10)).save(photo, "JPEG", exif=exif)
    picture = decode_picture(photo.getvalue(), 100, 100)
    assert (picture.width, picture.height) == (40, 60)


def test_a_gif_of_ten_thousand_frames_shows_its_first() -> None:
    data = _gif_of_frames(10_000)
    picture = decode_picture(data, 10, 10)
    assert (picture.width, picture.height) == (1, 1)
    assert _near(picture.pixel(0, 0), (255, 0, 0, 255))
