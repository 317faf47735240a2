package io.github.neuralstyle4j.image;

import java.awt.Color;
import java.awt.Graphics2D;

/**
 * Paints the built-in masks for {@code builtin:landscape}: {@code builtin:lake-mask} is white over the lake (below
 * the far shore) and black above it, {@code builtin:land-mask} its exact complement (255 − v per pixel), each with a
 * soft edge of {@value #EDGE} rows across the shore so that a masked style fades in rather than stopping at a seam.
 */
final class MaskPainter {

    /** Rows over which the mask goes from black to white, centred on the shore. */
    static final int EDGE = 12;

    private MaskPainter() {
    }

    static void lake(Graphics2D g) {
        paint(g, false);
    }

    static void land(Graphics2D g) {
        paint(g, true);
    }

    /** Row by row (axis-aligned, integer rectangles: no antialiasing, the same bytes on every JDK). */
    private static void paint(Graphics2D g, boolean invert) {
        int top = LandscapePainter.HORIZON - EDGE / 2;
        for (int y = 0; y < BuiltinImages.HEIGHT; y++) {
            double t = Math.min(1, Math.max(0, (y + 0.5 - top) / EDGE));
            int v = (int) Math.round(255 * t);
            int grey = invert ? 255 - v : v;
            g.setColor(new Color(grey, grey, grey));
            g.fillRect(0, y, BuiltinImages.WIDTH, 1);
        }
    }
}
