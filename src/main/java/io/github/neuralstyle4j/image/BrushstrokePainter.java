package io.github.neuralstyle4j.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Random;

/**
 * Paints {@code builtin:brushstrokes}: thousands of short curved strokes that follow a swirling flow field,
 * in deep blues around glowing yellow vortices, in the spirit of van Gogh's night skies.
 *
 * <p>A style image should have distinctive Gram statistics: strong, saturated, complementary colours,
 * oriented strokes at a few characteristic widths, and texture everywhere, with no flat regions.
 */
final class BrushstrokePainter {

    private static final int W = BuiltinImages.WIDTH;
    private static final int H = BuiltinImages.HEIGHT;
    private static final double STEP = 2.0;

    /** A swirl in the flow field; positive strength turns counter-clockwise. Glowing ones are painted yellow. */
    private record Vortex(double x, double y, double radius, double strength, boolean glows) {}

    private static final Vortex[] VORTICES = {
        new Vortex(190, 140, 80, 1.7, false),
        new Vortex(320, 175, 58, -1.5, false),
        new Vortex(440, 78, 36, 1.4, true),   // the moon
        new Vortex(62, 66, 20, 1.6, true),    // stars
        new Vortex(300, 52, 16, -1.6, true),
        new Vortex(118, 232, 15, 1.6, true),
        new Vortex(470, 214, 18, -1.6, true),
        new Vortex(236, 290, 14, 1.6, true),
    };

    private static final Color[] BLUES = {
        new Color(0x0d1f5c), new Color(0x1b3a8a), new Color(0x2456b0), new Color(0x3b74c9),
        new Color(0x6b9ddc), new Color(0x9cc2ea),
    };
    private static final Color[] YELLOWS = {
        new Color(0xf7d23e), new Color(0xf2b22c), new Color(0xfff0a0), new Color(0xe8942a),
    };
    private static final Color[] DEPTHS = {
        new Color(0x0a1638), new Color(0x143159), new Color(0x1c5462), new Color(0x2a4a2c),
    };

    private BrushstrokePainter() {}

    static void paint(Graphics2D g) {
        g.setColor(new Color(0x10245e));
        g.fill(new Rectangle2D.Double(0, 0, W, H));
        Random random = new Random(1889L); // the year of The Starry Night
        // Broad underpainting first, then the main strokes, then thin highlights on top.
        paintLayer(g, random, 1400, 7.0, 10.0, 12, 22, -0.25f);
        paintLayer(g, random, 3200, 3.4, 5.6, 7, 15, 0.0f);
        paintLayer(g, random, 1600, 1.6, 2.8, 5, 11, 0.18f);
    }

    private static void paintLayer(Graphics2D g, Random random, int strokes, double minWidth,
            double maxWidth, int minSteps, int maxSteps, float lighten) {
        for (int i = 0; i < strokes; i++) {
            double x = random.nextDouble() * (W + 20) - 10;
            double y = random.nextDouble() * (H + 20) - 10;
            Color colour = shade(colourAt(x, y, random), lighten + (float) (random.nextGaussian() * 0.06));
            int steps = minSteps + random.nextInt(maxSteps - minSteps + 1);
            float width = (float) (minWidth + random.nextDouble() * (maxWidth - minWidth));
            g.setColor(colour);
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(streamline(x, y, steps));
        }
    }

    /** Follows the flow field from {@code (x, y)}; the curve bends with the swirls like a loaded brush. */
    private static Path2D.Double streamline(double x, double y, int steps) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(x, y);
        for (int i = 0; i < steps; i++) {
            double angle = flowAngle(x, y);
            x += STEP * StrictMath.cos(angle);
            y += STEP * StrictMath.sin(angle);
            path.lineTo(x, y);
        }
        return path;
    }

    /** A gently waving eastward drift, plus the tangential pull of each vortex, fading with distance. */
    static double flowAngle(double x, double y) {
        double vx = 1.0;
        double vy = 0.45 * StrictMath.sin(x * 0.021 + y * 0.013) + 0.25 * StrictMath.sin(y * 0.05);
        for (Vortex v : VORTICES) {
            double dx = x - v.x();
            double dy = y - v.y();
            double distance = StrictMath.sqrt(dx * dx + dy * dy) + 1e-9;
            double reach = 1.6 * v.radius();
            double pull = 3.0 * v.strength() * StrictMath.exp(-(distance * distance) / (2 * reach * reach));
            vx += -dy / distance * pull;
            vy += dx / distance * pull;
        }
        return StrictMath.atan2(vy, vx);
    }

    /** Yellows inside the glowing vortices, dark teal and green in the lowest band, blues elsewhere. */
    private static Color colourAt(double x, double y, Random random) {
        double glow = 0;
        for (Vortex v : VORTICES) {
            if (v.glows()) {
                double dx = x - v.x();
                double dy = y - v.y();
                double spread = 0.95 * v.radius();
                glow = Math.max(glow, StrictMath.exp(-(dx * dx + dy * dy) / (2 * spread * spread)));
            }
        }
        if (random.nextDouble() < glow * 1.4) {
            return YELLOWS[random.nextInt(YELLOWS.length)];
        }
        double shoreline = 318 + 16 * StrictMath.sin(x * 0.018 + 1.0);
        if (y > shoreline + random.nextGaussian() * 6) {
            return DEPTHS[random.nextInt(DEPTHS.length)];
        }
        if (random.nextDouble() < 0.04) {
            return YELLOWS[random.nextInt(YELLOWS.length)]; // stray flecks tie the palette together
        }
        return BLUES[random.nextInt(BLUES.length)];
    }

    /** Mixes towards white (positive amount) or black (negative), for layer depth and stroke variety. */
    private static Color shade(Color colour, float amount) {
        float a = Math.max(-1f, Math.min(1f, amount));
        float target = a > 0 ? 255f : 0f;
        float t = Math.abs(a);
        return new Color(mix(colour.getRed(), target, t), mix(colour.getGreen(), target, t),
                mix(colour.getBlue(), target, t));
    }

    private static int mix(int value, float target, float t) {
        return Math.round(value + (target - value) * t);
    }
}
