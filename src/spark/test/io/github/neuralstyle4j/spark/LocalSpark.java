package io.github.neuralstyle4j.spark;

import org.apache.spark.sql.SparkSession;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** The tests' one Spark session (local[2], as CI's two cores), started once for the JVM and left to its exit. */
final class LocalSpark {

    static final String MASTER = "local[2]";

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        return SparkSessions.open(MASTER);
    }

    /** A small distinct picture: a two-colour gradient with a disc, {@code k} choosing colours and placement. */
    static Path picture(Path file, int k, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        Color a = Color.getHSBColor(k / 7f, 0.8f, 0.9f);
        Color b = Color.getHSBColor((k + 3) / 7f, 0.6f, 0.4f);
        g.setPaint(new GradientPaint(0, 0, a, width, height, b));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.getHSBColor((k + 5) / 7f, 0.9f, 1f));
        int r = Math.min(width, height) / 3;
        g.fillOval((k * 7) % (width - r), (k * 5) % (height - r), r, r);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
        return file;
    }
}
