package io.github.neuralstyle4j.video;

/**
 * A dense displacement field between two frames of one size: pixel (x, y) of the first frame shows what the second
 * frame shows at (x + dx, y + dy). Values in pixels, row by row.
 */
public final class Flow {

    private final int width;
    private final int height;
    private final float[] dx;
    private final float[] dy;

    /** @throws IllegalArgumentException if the arrays do not hold width·height values each */
    public Flow(int width, int height, float[] dx, float[] dy) {
        if (width <= 0 || height <= 0 || dx.length != width * height || dy.length != width * height) {
            throw new IllegalArgumentException("a " + width + "×" + height + " flow needs " + width * height
                    + " values per component, got " + dx.length + " and " + dy.length);
        }
        this.width = width;
        this.height = height;
        this.dx = dx;
        this.dy = dy;
    }

    /** A flow of one constant displacement everywhere (tests, synthetic pans). */
    public static Flow constant(int width, int height, float dx, float dy) {
        float[] u = new float[width * height];
        float[] v = new float[width * height];
        java.util.Arrays.fill(u, dx);
        java.util.Arrays.fill(v, dy);
        return new Flow(width, height, u, v);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The horizontal displacement at pixel (x, y). */
    public float dx(int x, int y) {
        return dx[y * width + x];
    }

    /** The vertical displacement at pixel (x, y). */
    public float dy(int x, int y) {
        return dy[y * width + x];
    }

    /** The horizontal displacement bilinearly interpolated at (x, y), the coordinates clamped to the frame. */
    public float dxAt(float x, float y) {
        return Bilinear.sample(dx, width, height, 0, x, y);
    }

    /** The vertical displacement bilinearly interpolated at (x, y), the coordinates clamped to the frame. */
    public float dyAt(float x, float y) {
        return Bilinear.sample(dy, width, height, 0, x, y);
    }

    /**
     * {@code planar} (3 planes of this flow's size, as {@link io.github.neuralstyle4j.image.RgbImage#planar()})
     * warped by this flow: the result at (x, y) is {@code planar} bilinearly sampled at (x + dx, y + dy), with
     * coordinates outside the frame clamped to its border (the consistency mask leaves those pixels out).
     */
    public float[] warp(float[] planar) {
        int plane = width * height;
        if (planar.length != 3 * plane) {
            throw new IllegalArgumentException("expected 3 planes of " + width + "×" + height + ", got "
                    + planar.length + " values");
        }
        float[] out = new float[planar.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = y * width + x;
                float sx = x + dx[at];
                float sy = y + dy[at];
                for (int c = 0; c < 3; c++) {
                    out[c * plane + at] = Bilinear.sample(planar, width, height, c * plane, sx, sy);
                }
            }
        }
        return out;
    }
}
