package io.github.neuralstyle4j.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Paints {@code builtin:landscape}: an evening sky with a low sun, clouds, layered mountains and hills, a
 * village with a church, trees, and a lake that mirrors it all. Bold shapes and clear edges, so that the
 * scene stays recognisable after stylisation.
 */
final class LandscapePainter {

    private static final int W = BuiltinImages.WIDTH;
    private static final int H = BuiltinImages.HEIGHT;
    /** The lake's far shore: everything above it is mirrored below it. */
    static final int HORIZON = 262;
    private static final float SUN_X = 372f;
    private static final float SUN_Y = 122f;

    private static final Ridge FAR_MOUNTAINS = new Ridge(172, 44, 3L, 0.014, 3.4);
    private static final Ridge MOUNTAINS = new Ridge(184, 26, 11L, 0.014, 2.6);
    private static final Ridge FAR_HILLS = new Ridge(206, 16, 23L, 0.016, 2.2);
    private static final Ridge NEAR_HILLS = new Ridge(238, 9, 37L, 0.021, 1.8);

    private LandscapePainter() {}

    static void paint(Graphics2D g) {
        BufferedImage scene = new BufferedImage(W, HORIZON, BufferedImage.TYPE_INT_RGB);
        Graphics2D s = BuiltinImages.highQualityGraphics(scene);
        try {
            paintSky(s);
            paintSun(s);
            paintClouds(s, new Random(5L));
            paintBirds(s);
            paintRidge(s, FAR_MOUNTAINS, new Color(0x8a8fbf), new Color(0xc6b3c4));
            paintSnow(s, FAR_MOUNTAINS);
            paintRidge(s, MOUNTAINS, new Color(0x5d5d92), new Color(0x9a8aab));
            paintRidge(s, FAR_HILLS, new Color(0x5f8a57), new Color(0x7f9a6a));
            paintRidge(s, NEAR_HILLS, new Color(0x3a6a34), new Color(0x2a5029));
            paintVillage(s);
            paintTrees(s, new Random(41L));
        } finally {
            s.dispose();
        }
        g.drawImage(scene, 0, 0, null);
        paintLake(g, scene, new Random(73L));
        paintReeds(g, new Random(97L));
    }

    /**
     * A hill line: a base height minus a sum of sines with seeded frequencies and phases. {@code sharpness}
     * above 1 makes peaks pointed and valleys broad.
     */
    private static final class Ridge {
        private static final int OCTAVES = 4;

        private final double base;
        private final double amplitude;
        private final double sharpness;
        private final double[] frequencies = new double[OCTAVES];
        private final double[] phases = new double[OCTAVES];

        Ridge(double base, double amplitude, long seed, double frequency, double sharpness) {
            this.base = base;
            this.amplitude = amplitude;
            this.sharpness = sharpness;
            Random random = new Random(seed);
            for (int octave = 0; octave < OCTAVES; octave++) {
                frequencies[octave] = frequency * (1 << octave) * (0.8 + 0.4 * random.nextDouble());
                phases[octave] = 2 * StrictMath.PI * random.nextDouble();
            }
        }

        double y(double x) {
            double sum = 0;
            double weight = 1;
            double norm = 0;
            for (int octave = 0; octave < OCTAVES; octave++) {
                sum += weight * (0.5 + 0.5 * StrictMath.sin(frequencies[octave] * x + phases[octave]));
                norm += weight;
                weight *= 0.45;
            }
            return base - amplitude * 2 * StrictMath.pow(sum / norm, sharpness);
        }

        /** The highest point the ridge can reach, where its colour gradient starts. */
        double top() {
            return base - 2 * amplitude;
        }

        /** The height a given fraction of the way down from {@link #top()} to the base. */
        double heightAt(double fraction) {
            return top() + fraction * 2 * amplitude;
        }

        /** The area under the ridge line, down to {@code bottom}. */
        Path2D.Double shape(double bottom) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(0, bottom);
            for (int x = 0; x <= W; x += 2) {
                path.lineTo(x, y(x));
            }
            path.lineTo(W, bottom);
            path.closePath();
            return path;
        }
    }

    private static void paintSky(Graphics2D g) {
        g.setPaint(new LinearGradientPaint(0, 0, 0, HORIZON,
                new float[] {0f, 0.38f, 0.62f, 0.82f, 1f},
                new Color[] {new Color(0x14296a), new Color(0x3f66b0), new Color(0xb79cc0),
                        new Color(0xf4b27c), new Color(0xfcdc9a)}));
        g.fill(new Rectangle2D.Double(0, 0, W, HORIZON));
    }

    private static void paintSun(Graphics2D g) {
        g.setPaint(new RadialGradientPaint(SUN_X, SUN_Y, 130f, new float[] {0f, 0.22f, 1f},
                new Color[] {new Color(255, 247, 214, 240), new Color(255, 214, 150, 130),
                        new Color(255, 190, 120, 0)}));
        g.fill(new Ellipse2D.Double(SUN_X - 130, SUN_Y - 130, 260, 260));
        g.setPaint(new RadialGradientPaint(SUN_X, SUN_Y - 6, 30f, new float[] {0f, 1f},
                new Color[] {new Color(0xfffbe6), new Color(0xffd878)}));
        g.fill(new Ellipse2D.Double(SUN_X - 26, SUN_Y - 26, 52, 52));
    }

    private static void paintClouds(Graphics2D g, Random random) {
        double[][] centres = {{96, 58}, {262, 34}, {452, 62}, {196, 104}}; // clear of the sun
        for (double[] centre : centres) {
            Area cloud = new Area();
            int puffs = 5 + random.nextInt(4);
            double span = 60 + random.nextDouble() * 50;
            for (int i = 0; i < puffs; i++) {
                double t = (i + 0.5) / puffs - 0.5;
                double r = (11 + random.nextDouble() * 9) * (1 - 1.4 * t * t);
                double cx = centre[0] + t * span;
                double cy = centre[1] - r * 0.35 + random.nextDouble() * 5;
                cloud.add(new Area(new Ellipse2D.Double(cx - r * 1.5, cy - r * 0.8, r * 3.0, r * 1.6)));
            }
            // A flat base and a warm shadow underneath make the clouds read as lit by the low sun.
            Rectangle2D bounds = cloud.getBounds2D();
            cloud.subtract(new Area(new Rectangle2D.Double(
                    bounds.getX() - 1, centre[1] + 6, bounds.getWidth() + 2, bounds.getHeight())));
            Area shadow = cloud.createTransformedArea(AffineTransform.getTranslateInstance(3, 4));
            g.setColor(new Color(150, 110, 150, 110));
            g.fill(shadow);
            g.setPaint(new GradientPaint(0, (float) bounds.getY(), new Color(255, 246, 236, 225),
                    0, (float) centre[1] + 6, new Color(240, 180, 180, 200)));
            g.fill(cloud);
        }
    }

    private static void paintBirds(Graphics2D g) {
        g.setColor(new Color(0x2a2340));
        g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double[][] birds = {{300, 96, 9}, {318, 104, 7}, {286, 110, 6}};
        for (double[] b : birds) {
            Path2D.Double wing = new Path2D.Double();
            wing.moveTo(b[0] - b[2], b[1] - b[2] * 0.3);
            wing.quadTo(b[0] - b[2] * 0.4, b[1] - b[2] * 0.6, b[0], b[1]);
            wing.quadTo(b[0] + b[2] * 0.4, b[1] - b[2] * 0.6, b[0] + b[2], b[1] - b[2] * 0.3);
            g.draw(wing);
        }
    }

    private static void paintRidge(Graphics2D g, Ridge ridge, Color top, Color bottom) {
        g.setPaint(new GradientPaint(0, (float) ridge.top(), top,
                0, HORIZON, bottom));
        g.fill(ridge.shape(HORIZON + 1));
    }

    /** Snow on the peaks: the mountain shape clipped to a band below its highest possible point. */
    private static void paintSnow(Graphics2D g, Ridge ridge) {
        Area snow = new Area(ridge.shape(HORIZON + 1));
        snow.intersect(new Area(new Rectangle2D.Double(0, 0, W, ridge.heightAt(0.4))));
        g.setPaint(new GradientPaint(0, (float) ridge.top(), new Color(0xfbf4f2), 0,
                (float) ridge.heightAt(0.4), new Color(0xd9c6d6)));
        g.fill(snow);
    }

    private static void paintVillage(Graphics2D g) {
        house(g, 58, 24, 18, new Color(0xf1e4c6), new Color(0x8c2f26));
        house(g, 90, 30, 21, new Color(0xe2a47c), new Color(0x5b3a2c));
        church(g, 132);
        house(g, 166, 26, 17, new Color(0xf5d99b), new Color(0x7a2a2a));
        house(g, 196, 22, 15, new Color(0xe8e0d0), new Color(0x8c2f26));
    }

    /** The lowest ground under a footprint, so a building stands on the slope instead of floating. */
    private static double groundUnder(double left, double width) {
        double ground = 0;
        for (double x = left; x <= left + width; x += 1) {
            ground = Math.max(ground, NEAR_HILLS.y(x));
        }
        return ground + 1;
    }

    private static void house(Graphics2D g, double left, double width, double height, Color wall, Color roof) {
        double ground = groundUnder(left, width);
        double eaves = ground - height;
        g.setColor(wall);
        g.fill(new Rectangle2D.Double(left, eaves, width, height));
        g.setColor(wall.darker());
        g.fill(new Rectangle2D.Double(left + width * 0.62, eaves, width * 0.38, height));
        Path2D.Double roofShape = new Path2D.Double();
        roofShape.moveTo(left - 3, eaves + 1);
        roofShape.lineTo(left + width / 2, eaves - height * 0.62);
        roofShape.lineTo(left + width + 3, eaves + 1);
        roofShape.closePath();
        g.setColor(roof);
        g.fill(roofShape);
        g.setColor(new Color(0xffd45e));
        g.fill(new Rectangle2D.Double(left + width * 0.16, eaves + height * 0.25, width * 0.2, height * 0.28));
        g.setColor(new Color(0x4a2f22));
        g.fill(new Rectangle2D.Double(left + width * 0.44, ground - height * 0.5, width * 0.15, height * 0.5));
    }

    private static void church(Graphics2D g, double left) {
        double ground = groundUnder(left, 30);
        Color wall = new Color(0xf3efe6);
        g.setColor(wall);
        g.fill(new Rectangle2D.Double(left, ground - 20, 30, 20));
        g.fill(new Rectangle2D.Double(left + 20, ground - 48, 10, 48));
        g.setColor(new Color(0x3e4a6a));
        Path2D.Double nave = new Path2D.Double();
        nave.moveTo(left - 2, ground - 19);
        nave.lineTo(left + 10, ground - 30);
        nave.lineTo(left + 21, ground - 19);
        nave.closePath();
        g.fill(nave);
        Path2D.Double spire = new Path2D.Double();
        spire.moveTo(left + 18.5, ground - 47);
        spire.lineTo(left + 25, ground - 74);
        spire.lineTo(left + 31.5, ground - 47);
        spire.closePath();
        g.fill(spire);
        g.setColor(new Color(0xffd45e));
        g.fill(new Ellipse2D.Double(left + 22, ground - 42, 6, 6));
        g.fill(new Rectangle2D.Double(left + 6, ground - 14, 5, 8));
    }

    private static void paintTrees(Graphics2D g, Random random) {
        double[] conifers = {16, 30, 40, 232, 246, 262, 420, 436, 452, 474, 492};
        for (double x : conifers) {
            conifer(g, x + random.nextDouble() * 4, 20 + random.nextDouble() * 14);
        }
        double[] broadleaves = {118, 224, 286, 404, 506};
        for (double x : broadleaves) {
            broadleaf(g, x, 9 + random.nextDouble() * 5);
        }
    }

    private static void conifer(Graphics2D g, double x, double height) {
        double ground = NEAR_HILLS.y(x) + 3;
        g.setColor(new Color(0x3b2a1e));
        g.fill(new Rectangle2D.Double(x - 1.2, ground - 4, 2.4, 4));
        for (int tier = 0; tier < 3; tier++) {
            double bottom = ground - 3 - tier * height * 0.26;
            double halfWidth = height * (0.34 - tier * 0.08);
            Path2D.Double tierShape = new Path2D.Double();
            tierShape.moveTo(x - halfWidth, bottom);
            tierShape.lineTo(x, bottom - height * 0.5);
            tierShape.lineTo(x + halfWidth, bottom);
            tierShape.closePath();
            g.setColor(new Color(0x173a24));
            g.fill(tierShape);
        }
    }

    private static void broadleaf(Graphics2D g, double x, double radius) {
        double ground = NEAR_HILLS.y(x) + 2;
        g.setColor(new Color(0x4b3423));
        g.fill(new Rectangle2D.Double(x - 1.5, ground - radius * 1.6, 3, radius * 1.6));
        double cy = ground - radius * 2.1;
        g.setColor(new Color(0x2f5c2b));
        g.fill(new Ellipse2D.Double(x - radius, cy - radius, 2 * radius, 2 * radius));
        g.setColor(new Color(0x5d8c45));
        g.fill(new Ellipse2D.Double(x - radius * 0.6, cy - radius * 0.85, radius * 1.1, radius * 1.0));
    }

    /** Mirrors the scene row by row with a small sideways wobble, then tints it and adds glints. */
    private static void paintLake(Graphics2D g, BufferedImage scene, Random random) {
        int depth = H - HORIZON;
        for (int row = 0; row < depth; row++) {
            double t = row / (double) depth;
            int wobble = (int) StrictMath.round((1 + 3 * t) * StrictMath.sin(row * 0.9 + 0.5 * t * row));
            int source = HORIZON - 1 - (int) (row * 0.9); // slightly squashed, like a reflection seen from above
            g.drawImage(scene, wobble, HORIZON + row, W + wobble, HORIZON + row + 1,
                    0, source, W, source + 1, null);
            if (wobble > 0) { // fill the sliver the wobble uncovered at the left edge
                g.drawImage(scene, 0, HORIZON + row, wobble, HORIZON + row + 1, 0, source, 1, source + 1, null);
            }
        }
        g.setPaint(new GradientPaint(0, HORIZON, new Color(30, 50, 95, 90), 0, H, new Color(12, 24, 60, 175)));
        g.fill(new Rectangle2D.Double(0, HORIZON, W, depth));

        g.setColor(new Color(0x1d3323));
        g.fill(new Rectangle2D.Double(0, HORIZON - 0.5, W, 2));

        g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < 140; i++) {
            double y = HORIZON + 4 + StrictMath.pow(random.nextDouble(), 0.8) * (depth - 6);
            double length = 6 + random.nextDouble() * 26 * (y - HORIZON) / depth;
            double x = random.nextDouble() * W;
            g.setColor(new Color(220, 230, 255, 40 + random.nextInt(50)));
            g.draw(new Line2D.Double(x, y, x + length, y));
        }
        for (int i = 0; i < 60; i++) { // the sun's glitter path, widening towards the viewer
            double t = random.nextDouble();
            double y = HORIZON + 3 + t * (depth - 8);
            double halfSpread = 10 + 40 * t;
            double x = SUN_X + (random.nextDouble() * 2 - 1) * halfSpread;
            double length = 4 + random.nextDouble() * (8 + 16 * t);
            g.setColor(new Color(255, 222, 140, 120 + random.nextInt(110)));
            g.setStroke(new BasicStroke((float) (1.2 + 1.6 * t), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(x - length / 2, y, x + length / 2, y));
        }
    }

    /** A bank of reeds in the lower left corner gives the picture a foreground. */
    private static void paintReeds(Graphics2D g, Random random) {
        Path2D.Double bank = new Path2D.Double();
        bank.moveTo(0, H - 40);
        bank.curveTo(40, H - 36, 90, H - 18, 150, H - 8);
        bank.lineTo(160, H);
        bank.lineTo(0, H);
        bank.closePath();
        g.setColor(new Color(0x1c2e1c));
        g.fill(bank);
        for (int i = 0; i < 70; i++) {
            double x = random.nextDouble() * 130;
            double base = H - 2;
            double height = 30 + random.nextDouble() * 60 * (1 - x / 160);
            double lean = (random.nextDouble() - 0.35) * 22;
            Path2D.Double blade = new Path2D.Double();
            blade.moveTo(x, base);
            blade.quadTo(x + lean * 0.2, base - height * 0.6, x + lean, base - height);
            g.setColor(i % 3 == 0 ? new Color(0x3f5a2a) : new Color(0x22391f));
            g.setStroke(new BasicStroke((float) (1.2 + random.nextDouble() * 1.6),
                    BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(blade);
        }
    }
}
