package io.github.neuralstyle4j.video;

import io.github.neuralstyle4j.image.RgbImage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Warping by a flow, Ruder's three criteria one at a time, and OpenCV's DIS flow on a known translation. */
class FlowAndConsistencyTest {

    @Test
    void warpByAnIntegerShiftCopiesPixels() {
        int w = 6;
        int h = 5;
        float[] image = new float[3 * w * h];
        for (int i = 0; i < image.length; i++) {
            image[i] = i / (float) image.length;
        }
        float[] warped = Flow.constant(w, h, 2, 1).warp(image);
        // (x, y) takes the value at (x + 2, y + 1), clamped to the last column / row at the border
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sx = Math.min(x + 2, w - 1);
                    int sy = Math.min(y + 1, h - 1);
                    assertEquals(image[c * w * h + sy * w + sx], warped[c * w * h + y * w + x], 1e-7);
                }
            }
        }
    }

    @Test
    void warpByHalfAPixelAveragesNeighbours() {
        float[] image = new float[3 * 2 * 1];
        image[0] = 0.2f;
        image[1] = 0.6f;
        float[] warped = Flow.constant(2, 1, 0.5f, 0).warp(image);
        assertEquals(0.4f, warped[0], 1e-7);
        assertEquals(0.6f, warped[1], 1e-7); // 1.5 clamps to the last column
    }

    @Test
    void consistentPanKeepsEveryPixelWhoseSourceIsInside() {
        int w = 8;
        int h = 6;
        float[] c = Consistency.mask(Flow.constant(w, h, -2, 0), Flow.constant(w, h, 2, 0));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // x − 2 < 0 has no source in the previous frame: the first two columns
                assertEquals(x >= 2 ? 1f : 0f, c[y * w + x], "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void forwardFlowThatDoesNotReturnMarksAnOcclusion() {
        int w = 8;
        int h = 6;
        // |w + ŵ|² = 1 > 0.01 · (0 + 1) + 0.5: occluded; a return within 0.5 px (0.25 < 0.5025) is not
        assertTrue(allZero(Consistency.mask(Flow.constant(w, h, 0, 0), Flow.constant(w, h, 1, 0))));
        assertTrue(allOne(Consistency.mask(Flow.constant(w, h, 0, 0), Flow.constant(w, h, 0.5f, 0))));
    }

    @Test
    void aStepInTheFlowIsAMotionBoundary() {
        int w = 8;
        int h = 6;
        float[] u = new float[w * h];
        float[] back = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                u[y * w + x] = x >= 4 ? -1 : 0;
            }
        }
        for (int i = 0; i < u.length; i++) {
            back[i] = -u[i];
        }
        Flow backward = new Flow(w, h, u, new float[w * h]);
        // the forward flow returns exactly, so only the boundary criterion can reject
        float[] c = Consistency.mask(backward, new Flow(w, h, back, new float[w * h]));
        for (int y = 0; y < h; y++) {
            // the forward difference at x = 3 sees the step (|∇u|² = 1 > 0.002); x = 4 and on are flat again
            assertEquals(0f, c[y * w + 3]);
            assertEquals(1f, c[y * w + 2]);
            assertEquals(1f, c[y * w + 5]);
        }
    }

    @Test
    void flowsOfDifferentSizesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Consistency.mask(Flow.constant(4, 4, 0, 0), Flow.constant(4, 5, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> new Flow(2, 2, new float[3], new float[4]));
    }

    @Test
    void disRecoversAKnownTranslation() {
        int w = 64;
        int h = 48;
        RgbImage a = Clips.texture(w, h, 0, 0);
        RgbImage b = Clips.texture(w, h, 3, -2); // b(p) = a(p + (3, −2)): the flow a → b is (−3, 2)
        try (DisFlow dis = new DisFlow()) {
            Flow f = dis.between(a, b);
            double errorSum = 0;
            int n = 0;
            for (int y = 8; y < h - 8; y++) {
                for (int x = 8; x < w - 8; x++) {
                    errorSum += Math.hypot(f.dx(x, y) + 3, f.dy(x, y) - 2);
                    n++;
                }
            }
            // DIS on a smooth texture: sub-pixel away from the borders (its published end-point errors on
            // Sintel are a few pixels on far harder motion); 0.5 px is what the warp can tolerate
            assertTrue(errorSum / n < 0.5, "mean end-point error " + errorSum / n);
        }
    }

    private static boolean allZero(float[] a) {
        for (float v : a) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean allOne(float[] a) {
        for (float v : a) {
            if (v != 1) {
                return false;
            }
        }
        return true;
    }
}
