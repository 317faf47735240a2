package io.github.neuralstyle4j.search;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Distinct pictures drawn with Java2D (no text), written as PNG: stripes, checks, blobs, a gradient with rings. */
public final class SearchTestImages {

    private SearchTestImages() {
    }

    public static List<Path> write(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            BufferedImage img = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Random rnd = new Random(k);
            switch (k) {
                case 0 -> {   // diagonal red/yellow stripes
                    g.setColor(Color.YELLOW);
                    g.fillRect(0, 0, 200, 150);
                    g.setColor(new Color(200, 20, 20));
                    g.setStroke(new BasicStroke(9));
                    for (int x = -150; x < 200; x += 22) {
                        g.drawLine(x, 150, x + 150, 0);
                    }
                }
                case 1 -> {   // blue/white checks
                    for (int y = 0; y < 150; y += 10) {
                        for (int x = 0; x < 200; x += 10) {
                            g.setColor(((x + y) / 10) % 2 == 0 ? Color.WHITE : new Color(20, 40, 160));
                            g.fillRect(x, y, 10, 10);
                        }
                    }
                }
                case 2 -> {   // green field with random dark blobs
                    g.setColor(new Color(60, 170, 70));
                    g.fillRect(0, 0, 200, 150);
                    for (int i = 0; i < 40; i++) {
                        g.setColor(new Color(rnd.nextInt(60), rnd.nextInt(60), rnd.nextInt(60)));
                        g.fillOval(rnd.nextInt(200), rnd.nextInt(150), 8 + rnd.nextInt(20), 8 + rnd.nextInt(20));
                    }
                }
                default -> {  // purple-orange gradient with rings
                    g.setPaint(new GradientPaint(0, 0, new Color(120, 30, 160), 200, 150, new Color(250, 150, 30)));
                    g.fillRect(0, 0, 200, 150);
                    g.setColor(Color.BLACK);
                    g.setStroke(new BasicStroke(3));
                    for (int r = 10; r < 200; r += 18) {
                        g.drawOval(100 - r, 75 - r, 2 * r, 2 * r);
                    }
                }
            }
            g.dispose();
            Path file = dir.resolve("pattern" + k + ".png");
            ImageIO.write(img, "png", file.toFile());
            out.add(file);
        }
        return out;
    }
}
