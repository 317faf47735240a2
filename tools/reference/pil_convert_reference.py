#!/usr/bin/env python3
"""Make the Pillow expectations for PilConvertReferenceTest: how Image.open(path).convert('RGB') reads PNGs of
every colour type and bit depth, and a 16-bit grey TIFF.

The PNGs are written byte by byte by the small encoder below (so each colour type, bit depth and tRNS chunk is
exactly the one named, whatever Pillow can save), then read back with Pillow; src/test/resources/image/convert/
gets the files and expected.json: per file what it tests, the mode Pillow opened it in and the RGB
bytes of convert('RGB'), row by row. Run with a Python that has Pillow (the committed file was made with 9.4):

    /usr/bin/python3 tools/reference/pil_convert_reference.py
"""
import json
import pathlib
import struct
import zlib

import PIL
from PIL import Image

OUT = pathlib.Path(__file__).resolve().parents[2] / "src" / "test" / "resources" / "image" / "convert"

GREY16 = [0, 255, 256, 1000, 40000, 65535]  # the values the issue names: Pillow 9.4 clips "I" at 255
RGB16 = [(0xabcd, 0x0100, 0xffff), (0x00ff, 0x7f80, 0x8001), (256, 255, 65535), (1000, 40000, 0)]
GREY8 = [0, 1, 127, 128, 254, 255]
PALETTE = [(10, 20, 30), (200, 100, 0), (255, 255, 255), (0, 0, 0)]


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width, height, bit_depth, colour_type, rows, extra=()):
    """rows: each a list of samples (already interleaved per pixel); 16-bit samples big-endian, sub-byte packed."""
    raw = b""
    for row in rows:
        if bit_depth == 16:
            data = b"".join(struct.pack(">H", v) for v in row)
        elif bit_depth == 8:
            data = bytes(row)
        else:
            per_byte = 8 // bit_depth
            data = bytearray()
            for i in range(0, len(row), per_byte):
                byte = 0
                for k in range(per_byte):
                    v = row[i + k] if i + k < len(row) else 0
                    byte |= v << (8 - bit_depth * (k + 1))
                data.append(byte)
            data = bytes(data)
        raw += b"\x00" + data  # filter type 0
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    for kind, data in extra:
        out += chunk(kind, data)
    return out + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def cases():
    """(file name, what it tests, png bytes)"""
    w = len(GREY16)
    yield "grey16.png", "16-bit grey (Pillow mode I: clipped to 0..255)", png(w, 2, 16, 0, [GREY16, GREY16[::-1]])
    yield ("grey16_trns.png", "16-bit grey with a tRNS colour (transparency ignored)",
           png(w, 1, 16, 0, [GREY16], [(b"tRNS", struct.pack(">H", 1000))]))
    yield ("grey16_alpha.png", "16-bit grey + alpha (Pillow mode LA: high byte)",
           png(w, 1, 16, 4, [[v for g in GREY16 for v in (g, 65535 - g)]]))
    yield ("rgb16.png", "16-bit RGB (high byte)",
           png(len(RGB16), 1, 16, 2, [[v for p in RGB16 for v in p]]))
    yield ("rgba16.png", "16-bit RGBA (high byte, alpha ignored)",
           png(len(RGB16), 1, 16, 6, [[v for p in RGB16 for v in p + (p[0],)]]))
    yield ("rgb16_trns.png", "16-bit RGB with a tRNS colour",
           png(len(RGB16), 1, 16, 2, [[v for p in RGB16 for v in p]], [(b"tRNS", struct.pack(">HHH", *RGB16[0]))]))
    yield "grey8.png", "8-bit grey", png(len(GREY8), 1, 8, 0, [GREY8])
    yield ("grey8_alpha.png", "8-bit grey + alpha (Pillow mode LA)",
           png(len(GREY8), 1, 8, 4, [[v for g in GREY8 for v in (g, 255 - g)]]))
    for bits in (1, 2, 4):
        levels = list(range(1 << bits)) * (2 if bits < 4 else 1)
        yield ("grey%d.png" % bits, "%d-bit grey (stretched to 0..255)" % bits, png(len(levels), 1, bits, 0, [levels]))
    plte = (b"PLTE", bytes(v for p in PALETTE for v in p))
    indices = [0, 1, 2, 3, 2, 1]
    yield "palette.png", "8-bit palette", png(len(indices), 1, 8, 3, [indices], [plte])
    yield ("palette_alpha.png", "8-bit palette with tRNS alpha (Pillow mode P + transparency: alpha ignored)",
           png(len(indices), 1, 8, 3, [indices], [plte, (b"tRNS", bytes([0, 128, 255]))]))
    yield ("palette2_alpha.png", "2-bit palette with tRNS alpha",
           png(len(indices), 1, 2, 3, [indices], [plte, (b"tRNS", bytes([255, 0]))]))
    yield ("rgb8_trns.png", "8-bit RGB with a tRNS colour",
           png(2, 1, 8, 2, [[10, 20, 30, 40, 50, 60]], [(b"tRNS", struct.pack(">HHH", 10, 20, 30))]))
    yield "grey16_i16.tif", "16-bit grey TIFF (Pillow mode I;16: clipped to 0..255)", tiff_i16()


def tiff_i16():
    """A 16-bit grey TIFF as Pillow writes it (mode I;16, little-endian): the other way 16-bit grey arrives."""
    import io
    im = Image.new("I;16", (len(GREY16), 2))
    im.putdata(GREY16 + GREY16[::-1])
    buffer = io.BytesIO()
    im.save(buffer, "TIFF")
    return buffer.getvalue()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    expected = {"generator": "tools/reference/pil_convert_reference.py", "pillow_version": PIL.__version__,
                "note": "Image.open(file).convert('RGB'), row-major RGB bytes", "files": []}
    for name, what, data in cases():
        path = OUT / name
        path.write_bytes(data)
        with Image.open(path) as im:
            mode = im.mode
            rgb = im.convert("RGB")
            rows = [[list(rgb.getpixel((x, y))) for x in range(rgb.width)] for y in range(rgb.height)]
        expected["files"].append({"file": name, "what": what, "pillow_mode": mode, "rgb": rows})
        print("%-20s %-5s %s" % (name, mode, rows[0]))
    with open(OUT / "expected.json", "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
