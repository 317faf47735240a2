package io.github.neuralstyle4j.video;

/** Bilinear interpolation in one plane of a row-major array, coordinates clamped to the plane. */
final class Bilinear {

    private Bilinear() {
    }

    /** The plane starting at {@code offset} (width·height values) sampled at (x, y) in pixel coordinates. */
    static float sample(float[] values, int width, int height, int offset, float x, float y) {
        float cx = Math.min(Math.max(x, 0), width - 1);
        float cy = Math.min(Math.max(y, 0), height - 1);
        int x0 = (int) cx;
        int y0 = (int) cy;
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        float fx = cx - x0;
        float fy = cy - y0;
        float top = values[offset + y0 * width + x0] * (1 - fx) + values[offset + y0 * width + x1] * fx;
        float bottom = values[offset + y1 * width + x0] * (1 - fx) + values[offset + y1 * width + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
