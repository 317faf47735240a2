#!/usr/bin/env python3
"""Make the PIL reference images for PilResizeReferenceTest.

Builds a small RGB test image from a closed formula (the Java test uses the same formula), resizes it with
PIL's BILINEAR filter -- what torchvision's Resize calls on PIL images -- and stores the results as PNG
under src/test/resources/image/. Run from anywhere with a Python that has Pillow:

    python3 tools/reference/pil_resize_reference.py
"""
import pathlib

import PIL
from PIL import Image

WIDTH, HEIGHT = 37, 23

# Downscales by non-integer factors, one-axis resizes (Pillow skips the other pass), upscales, and a mix.
# (16, 10) is torchvision's Resize(10) of a 37x23 image: int(10 * 37 / 23) = 16.
TARGETS = [(16, 10), (11, 7), (25, 15), (29, 23), (37, 9), (80, 50), (101, 61), (50, 13), (5, 40)]

OUT = pathlib.Path(__file__).resolve().parents[2] / "src" / "test" / "resources" / "image"


def pixel(x, y):
    """Ramps in red and green, and a hashed high-frequency pattern in blue that exercises every weight."""
    r = x * 255 // (WIDTH - 1)
    g = y * 255 // (HEIGHT - 1)
    b = (7 * x * x + 13 * y * y + 5 * x * y + 3) % 256
    return r, g, b


def main():
    image = Image.new("RGB", (WIDTH, HEIGHT))
    image.putdata([pixel(x, y) for y in range(HEIGHT) for x in range(WIDTH)])
    OUT.mkdir(parents=True, exist_ok=True)
    image.save(OUT / f"pil_input_{WIDTH}x{HEIGHT}.png")
    for width, height in TARGETS:
        resized = image.resize((width, height), Image.BILINEAR)
        resized.save(OUT / f"pil_bilinear_{width}x{height}.png")
    print(f"Pillow {PIL.__version__}: wrote {len(TARGETS) + 1} images to {OUT}")


if __name__ == "__main__":
    main()
