package io.github.neuralstyle4j.image;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.Random;

/**
 * Paints {@code builtin:mosaic}: small tilted tiles in warm reds, oranges and golds on dark grout, with a scatter
 * of gold discs. A second style for blends: its palette and its square, blocky texture are the opposite of
 * {@code builtin:brushstrokes}' blue, flowing strokes, so a blend of the two is easy to read.
 */
final class MosaicPainter {

    private static final int W = BuiltinImages.WIDTH;
    private static final int H = BuiltinImages.HEIGHT;
    private static final double TILE = 15;

    private static final Color[] WARM = {
        new Color(0xb3261e), new Color(0xd9480f), new Color(0xe8772e), new Color(0xf2a541),
        new Color(0x8c1c13), new Color(0xc9a227), new Color(0x6e2a1f),
    };

    private MosaicPainter() {}

    static void paint(Graphics2D g) {
        g.setColor(new Color(0x2b1d16));
        g.fill(new Rectangle2D.Double(0, 0, W, H));
        Random random = new Random(1907L); // the year of Klimt's golden Adele
        AffineTransform identity = g.getTransform();
        for (double y = TILE / 2; y < H + TILE; y += TILE) {
            // every other row shifted by half a tile, as a bricklayer would
            double shift = ((int) (y / TILE) % 2) * TILE / 2;
            for (double x = TILE / 2 - shift; x < W + TILE; x += TILE) {
                Color base = WARM[random.nextInt(WARM.length)];
                Color light = base.brighter();
                double size = TILE * (0.72 + 0.14 * random.nextDouble());
                g.setTransform(identity);
                g.rotate((random.nextDouble() - 0.5) * 0.5, x, y);
                g.setPaint(new GradientPaint((float) (x - size / 2), (float) (y - size / 2), light,
                        (float) (x + size / 2), (float) (y + size / 2), base));
                g.fill(new RoundRectangle2D.Double(x - size / 2, y - size / 2, size, size, 3, 3));
            }
        }
        g.setTransform(identity);
        for (int i = 0; i < 60; i++) {
            double r = 4 + 10 * random.nextDouble();
            double x = random.nextDouble() * W;
            double y = random.nextDouble() * H;
            g.setPaint(new GradientPaint((float) (x - r), (float) (y - r), new Color(0xfff1a8),
                    (float) (x + r), (float) (y + r), new Color(0xb8860b)));
            g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }
    }
}
