package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.image.RgbImage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of everything that decides a tiled run's stages and tiles: the images' pixels, the loss terms, the
 * optimiser and stop rule, the start, and the plan's sizes, budgets and tile rectangles (not its memory figures,
 * which change with the memory free). Equal fingerprints mean a stored tile is the tile this run would compute.
 */
public final class TileFingerprint {

    private TileFingerprint() {
    }

    public static String of(Request r, TilePlan plan) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        pixels(d, r.content());
        for (Request.Style s : r.styles()) {
            pixels(d, s.image());
            text(d, "blend " + s.weight());
        }
        if (r.startImage() != null) {
            pixels(d, r.startImage());
        }
        text(d, String.join("|", "content " + r.contentWeight() + " " + r.contentLayers(),
                "style " + r.styleWeight() + " " + r.styleLayers() + " " + r.styleScale() + " "
                        + r.styleNormalization(), "start " + r.start() + " " + r.seed(), "optimizer " + r.optimizer(),
                "convergence " + r.convergence(), "tv " + r.tvWeight(), "pooling " + r.pooling(),
                "colors " + r.preserveColors(), "feather " + r.tiling().feather(), "target " + r.tiling().target()));
        for (TilePlan.StagePlan s : plan.stages()) {
            text(d, "stage " + s.width() + "x" + s.height() + " " + s.evaluations());
            if (s.tiled()) {
                for (TileLayout.Tile t : s.layout().tiles()) {
                    text(d, t.toString());
                }
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static void pixels(MessageDigest d, RgbImage image) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * image.planar().length);
        b.putInt(image.width()).putInt(image.height());
        b.asFloatBuffer().put(image.planar());
        d.update(b.array());
    }

    private static void text(MessageDigest d, String s) {
        d.update(s.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
    }
}
