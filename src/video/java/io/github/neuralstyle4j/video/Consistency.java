package io.github.neuralstyle4j.video;

/**
 * Ruder, Dosovitskiy &amp; Brox 2016's per-pixel weights c ∈ {0, 1} for frame i, from the backward flow w (frame i to
 * frame i−1, the flow the previous result is warped with) and the forward flow ŵ (frame i−1 to frame i):
 * <ul>
 *   <li>disocclusion: w(p) and ŵ(p + w(p)) should cancel; where |w + ŵ|² &gt; 0.01 (|w|² + |ŵ|²) + 0.5 they do not;</li>
 *   <li>motion boundary: |∇u|² + |∇v|² &gt; 0.01 |w|² + 0.002, with w = (u, v) (the flow is unreliable there);</li>
 *   <li>outside the frame: p + w(p) falls outside frame i−1 (nothing to copy from).</li>
 * </ul>
 * c is 0 at those pixels and 1 elsewhere; the temporal loss and the warping error use only the pixels with c = 1.
 */
public final class Consistency {

    private Consistency() {
    }

    /**
     * The weights, one per pixel of frame i, row by row.
     *
     * @param backward flow from frame i to frame i−1
     * @param forward  flow from frame i−1 to frame i
     */
    public static float[] mask(Flow backward, Flow forward) {
        int w = backward.width();
        int h = backward.height();
        if (forward.width() != w || forward.height() != h) {
            throw new IllegalArgumentException("the flows differ in size: " + w + "×" + h + " and "
                    + forward.width() + "×" + forward.height());
        }
        float[] c = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float u = backward.dx(x, y);
                float v = backward.dy(x, y);
                float tx = x + u;
                float ty = y + v;
                boolean inside = tx >= 0 && tx <= w - 1 && ty >= 0 && ty <= h - 1;
                float fu = forward.dxAt(tx, ty);
                float fv = forward.dyAt(tx, ty);
                double sumX = u + fu;
                double sumY = v + fv;
                boolean occluded = sumX * sumX + sumY * sumY
                        > 0.01 * (u * u + v * v + fu * fu + fv * fv) + 0.5;
                double gu = gradientSquared(backward, x, y, true);
                double gv = gradientSquared(backward, x, y, false);
                boolean boundary = gu + gv > 0.01 * (u * u + v * v) + 0.002;
                c[y * w + x] = inside && !occluded && !boundary ? 1f : 0f;
            }
        }
        return c;
    }

    /** |∇|² of one flow component at (x, y): forward differences, 0 across the last row and column. */
    private static double gradientSquared(Flow f, int x, int y, boolean horizontal) {
        float here = horizontal ? f.dx(x, y) : f.dy(x, y);
        double gx = x + 1 < f.width() ? (horizontal ? f.dx(x + 1, y) : f.dy(x + 1, y)) - here : 0;
        double gy = y + 1 < f.height() ? (horizontal ? f.dx(x, y + 1) : f.dy(x, y + 1)) - here : 0;
        return gx * gx + gy * gy;
    }
}
