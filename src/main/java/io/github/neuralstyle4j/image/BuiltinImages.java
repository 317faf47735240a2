package io.github.neuralstyle4j.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sample images drawn by code, so that the project can demonstrate style transfer without shipping or
 * downloading pictures: {@code builtin:landscape} (a content image with clear structure),
 * {@code builtin:brushstrokes} (a style image of swirling blue and yellow strokes) and {@code builtin:mosaic}
 * (a second style of warm tilted tiles, for blends), and two masks that split the landscape at the lake's far shore
 * ({@code builtin:lake-mask}, {@code builtin:land-mask}), for spatial control.
 *
 * <p>Drawing is deterministic: fixed random seeds, {@link StrictMath}, no text and no fonts, and Java2D's
 * software renderer into an off-screen image, so every run of a given JDK gives the same pixels.
 */
public final class BuiltinImages {

    /** The prefix that marks a builtin image name. */
    public static final String PREFIX = "builtin:";
    public static final String LANDSCAPE = PREFIX + "landscape";
    public static final String BRUSHSTROKES = PREFIX + "brushstrokes";
    public static final String MOSAIC = PREFIX + "mosaic";
    /** A mask for {@code landscape}: white over the lake, black above the far shore (spatial control). */
    public static final String LAKE_MASK = PREFIX + "lake-mask";
    /** The complement of {@link #LAKE_MASK}: white above the far shore (sky, mountains, village), black over the lake. */
    public static final String LAND_MASK = PREFIX + "land-mask";

    static final int WIDTH = 512;
    static final int HEIGHT = 384;

    private static final Map<String, Consumer<Graphics2D>> PAINTERS = painters();

    private BuiltinImages() {}

    private static Map<String, Consumer<Graphics2D>> painters() {
        Map<String, Consumer<Graphics2D>> painters = new LinkedHashMap<>(); // keeps names() in a stable order
        painters.put(LANDSCAPE, LandscapePainter::paint);
        painters.put(BRUSHSTROKES, BrushstrokePainter::paint);
        painters.put(MOSAIC, MosaicPainter::paint);
        painters.put(LAKE_MASK, MaskPainter::lake);
        painters.put(LAND_MASK, MaskPainter::land);
        return Collections.unmodifiableMap(painters);
    }

    /** Whether the argument names a builtin image (valid or not) rather than a file. */
    public static boolean isBuiltin(String pathOrName) {
        return pathOrName != null && pathOrName.startsWith(PREFIX);
    }

    /** The valid builtin names, e.g. {@code builtin:landscape}. */
    public static List<String> names() {
        return List.copyOf(PAINTERS.keySet());
    }

    /**
     * Draws a builtin image at its native size (512x384), as an opaque RGB image.
     *
     * @throws ImageException if the name is not one of {@link #names()}
     */
    public static BufferedImage render(String name) {
        Consumer<Graphics2D> painter = PAINTERS.get(name);
        if (painter == null) {
            throw new ImageException("Unknown builtin image '" + name + "'; valid names are " + names());
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = highQualityGraphics(image);
        try {
            painter.accept(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Graphics with antialiasing and exact ("pure") stroke geometry, for smooth, reproducible shapes. */
    static Graphics2D highQualityGraphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
        return g;
    }
}
