package io.github.neuralstyle4j.search;

import io.github.neuralstyle4j.image.ImageWriter;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * A picture of a query and its matches: thumbnails in a row (the query first, then best first), each over a caption
 * strip with its rank and score. Text needs Java2D fonts; where none work (a bare headless JVM) the strip stays plain.
 */
public final class ContactSheet {

    static final int THUMB = 128;
    static final int GAP = 8;
    static final int CAPTION = 20;

    private ContactSheet() {
    }

    /** One tile: an image (null when it could not be read) and its caption. */
    public record Tile(RgbImage image, String caption) {
    }

    public static void write(List<Tile> tiles, Path file) {
        int width = GAP + tiles.size() * (THUMB + GAP);
        int height = GAP + THUMB + CAPTION + GAP;
        float[] chw = new float[3 * width * height];
        java.util.Arrays.fill(chw, 1f);
        for (int t = 0; t < tiles.size(); t++) {
            int x0 = GAP + t * (THUMB + GAP);
            RgbImage img = tiles.get(t).image();
            if (img == null) {
                fill(chw, width, height, x0, GAP, THUMB, THUMB, 0.5f);
                continue;
            }
            float scale = (float) THUMB / Math.max(img.width(), img.height());
            int w = Math.max(1, Math.round(img.width() * scale));
            int h = Math.max(1, Math.round(img.height() * scale));
            RgbImage thumb = Resize.to(img, w, h);
            float[] src = thumb.planar();
            int dx = x0 + (THUMB - w) / 2;
            int dy = GAP + (THUMB - h) / 2;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < h; y++) {
                    System.arraycopy(src, (c * h + y) * w, chw, (c * height + dy + y) * width + dx, w);
                }
            }
        }
        captions(tiles, chw, width, height);
        ImageWriter.write(RgbImage.of(width, height, chw), file);
    }

    private static void fill(float[] chw, int width, int height, int x0, int y0, int w, int h, float v) {
        for (int c = 0; c < 3; c++) {
            for (int y = y0; y < y0 + h; y++) {
                java.util.Arrays.fill(chw, (c * height + y) * width + x0, (c * height + y) * width + x0 + w, v);
            }
        }
    }

    /** Draws the captions with Java2D into the strip under each tile; skipped when fonts are unavailable. */
    private static void captions(List<Tile> tiles, float[] chw, int width, int height) {
        int stripY = GAP + THUMB;
        BufferedImage strip;
        try {
            strip = new BufferedImage(width, CAPTION, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = strip.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, CAPTION);
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int t = 0; t < tiles.size(); t++) {
                g.drawString(tiles.get(t).caption(), GAP + t * (THUMB + GAP) + 2, CAPTION - 6);
            }
            g.dispose();
        } catch (RuntimeException | LinkageError | InternalError e) {   // no usable font on this machine (e.g. fontconfig missing): keep the plain strip
            return;
        }
        for (int y = 0; y < CAPTION; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = strip.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    chw[(c * height + stripY + y) * width + x] = ((rgb >> (16 - 8 * c)) & 0xff) / 255f;
                }
            }
        }
    }
}
