"""A tiny PNG renderer for the reports' charts: numpy for pixels, zlib and struct for the file.

No text (labels go into the Markdown or HTML around the image), no pygame: rectangles,
lines, dots and dashed lines on an RGB canvas, written as an 8-bit truecolour PNG.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np

Colour = tuple[int, int, int]
WHITE: Colour = (255, 255, 255)
GREY: Colour = (200, 200, 200)
DARK: Colour = (60, 60, 60)


class Canvas:
    def __init__(self, width: int, height: int, background: Colour = WHITE):
        self.width, self.height = width, height
        self.pixels = np.empty((height, width, 3), dtype=np.uint8)
        self.pixels[:, :] = background

    def rect(self, x0: float, y0: float, x1: float, y1: float, colour: Colour) -> None:
        """A filled rectangle from (x0, y0) to (x1, y1), in pixels, clipped to the canvas."""
        left, right = sorted((int(round(x0)), int(round(x1))))
        top, bottom = sorted((int(round(y0)), int(round(y1))))
        left, top = max(0, left), max(0, top)
        right, bottom = min(self.width, right), min(self.height, bottom)
        if left < right and top < bottom:
            self.pixels[top:bottom, left:right] = colour

    def dot(self, x: float, y: float, radius: float, colour: Colour) -> None:
        r = int(np.ceil(radius))
        ys, xs = np.mgrid[-r:r + 1, -r:r + 1]
        inside = xs ** 2 + ys ** 2 <= radius ** 2
        px, py = xs[inside] + int(round(x)), ys[inside] + int(round(y))
        ok = (px >= 0) & (px < self.width) & (py >= 0) & (py < self.height)
        self.pixels[py[ok], px[ok]] = colour

    def dots(self, xs: np.ndarray, ys: np.ndarray, radius: float, colour: Colour) -> None:
        for x, y in zip(xs, ys):
            self.dot(float(x), float(y), radius, colour)

    def line(self, x0: float, y0: float, x1: float, y1: float, colour: Colour, width: float = 1.0,
             dash: int = 0) -> None:
        """A straight line of round dots; `dash` > 0 draws dashes of that many pixels."""
        steps = max(1, int(np.hypot(x1 - x0, y1 - y0)))
        for k in range(steps + 1):
            if dash and (k // dash) % 2:
                continue
            t = k / steps
            self.dot(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, width / 2, colour)

    def png(self) -> bytes:
        """The canvas as PNG file bytes."""
        raw = b"".join(b"\x00" + row.tobytes() for row in self.pixels)  # filter type 0 on every row

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
                + chunk(b"IEND", b""))

    def save(self, path: Path) -> None:
        path.write_bytes(self.png())


def read_png(data: bytes) -> np.ndarray:
    """Decode a PNG written by Canvas.png (8-bit RGB, no filters): for tests."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, width, height, body = 8, 0, 0, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, content = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", content[:8])
        elif kind == b"IDAT":
            body += content
        pos += 12 + length
    rows = np.frombuffer(zlib.decompress(body), dtype=np.uint8).reshape(height, 1 + 3 * width)
    return rows[:, 1:].reshape(height, width, 3)
