package io.github.neuralstyle4j.losses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The guided (masked) style and content losses: against PyTorch's float64 autograd on a committed case
 * ({@code tools/reference/masked_loss_reference.py}), against finite differences, by hand, and reducing to the
 * unmasked losses under a mask of ones.
 */
class MaskedLossesTest {

    private static JsonNode reference() throws IOException {
        try (InputStream in = MaskedLossesTest.class.getResourceAsStream("/losses/masked-losses.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    private static float[] floats(JsonNode array) {
        double[] d = doubles(array);
        float[] v = new float[d.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) d[i];
        }
        return v;
    }

    private static INDArray matrix(JsonNode values, int rows) {
        double[] v = doubles(values);
        return Nd4j.create(v, new long[] {rows, v.length / rows}, DataType.DOUBLE);
    }

    private static INDArray random(Random r, int rows, int cols) {
        INDArray a = Nd4j.create(DataType.DOUBLE, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            a.putScalar(i, Math.abs(r.nextGaussian()));
        }
        return a;
    }

    @Test
    void areaResizeMatchesTorchsAreaInterpolation() throws IOException {
        JsonNode ref = reference();
        JsonNode image = ref.get("image");
        JsonNode layer = ref.get("layer");
        GuidanceChannel full = GuidanceChannel.of(image.get("width").asInt(), image.get("height").asInt(),
                floats(image.get("mask")));
        GuidanceChannel resized = full.resizedTo(layer.get("width").asInt(), layer.get("height").asInt());
        // the input is rounded to float32 (relative 6e-8) and the means are rounded once more: 2e-7 absolute on [0, 1]
        assertArrayEquals(floats(layer.get("mask")), resized.values(), 2e-7f);
    }

    @Test
    void lossesAndGradientsMatchPyTorch() throws IOException {
        JsonNode ref = reference();
        int c = ref.get("channels").asInt();
        JsonNode layer = ref.get("layer");
        GuidanceChannel channel = GuidanceChannel.of(layer.get("width").asInt(), layer.get("height").asInt(),
                floats(layer.get("mask")));
        INDArray f = matrix(ref.get("features"), c);
        INDArray target = GramMatrix.of(matrix(ref.get("style_features").get("values"), c));
        // the one float32 step is the mask (relative 6e-8 per weight); everything else is double, so agreement to
        // 1e-6 relative leaves an order of magnitude for the mask's rounding to propagate through G − A
        try (MaskedStyleLoss style = new MaskedStyleLoss(target, channel);
             MaskedContentLoss content = new MaskedContentLoss(matrix(ref.get("content_target"), c), channel)) {
            INDArray g = Nd4j.zeros(DataType.DOUBLE, f.shape());
            double expected = ref.get("style_loss").asDouble();
            assertEquals(expected, style.accumulate(f, g, 1), 1e-6 * expected);
            assertClose(doubles(ref.get("style_gradient")), g.data().asDouble(), 1e-6, "style gradient");
            INDArray h = Nd4j.zeros(DataType.DOUBLE, f.shape());
            expected = ref.get("content_loss").asDouble();
            assertEquals(expected, content.accumulate(f, h, 1), 1e-6 * expected);
            assertClose(doubles(ref.get("content_gradient")), h.data().asDouble(), 1e-6, "content gradient");
        }
    }

    /** Element-wise within {@code rel} of the largest reference magnitude. */
    private static void assertClose(double[] expected, double[] actual, double rel, String what) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertArrayEquals(expected, actual, rel * scale, what);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(14);
        int c = 5;
        float[] mask = new float[9 * 7];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 4 == 0 ? 0 : r.nextFloat();
        }
        GuidanceChannel channel = GuidanceChannel.of(9, 7, mask).resizedTo(4, 3);
        INDArray f = random(r, c, 12);
        FeatureLoss[] losses = {new MaskedStyleLoss(GramMatrix.of(random(r, c, 20)), channel),
                new MaskedContentLoss(random(r, c, 12), channel)};
        for (FeatureLoss loss : losses) {
            INDArray grad = Nd4j.zeros(DataType.DOUBLE, c, 12);
            loss.accumulate(f, grad, 2.5);
            double eps = 1e-5;
            for (int i = 0; i < c * 12; i++) {
                double x = f.getDouble(i);
                f.putScalar(i, x + eps);
                double plus = loss.accumulate(f, Nd4j.zeros(DataType.DOUBLE, c, 12), 2.5);
                f.putScalar(i, x - eps);
                double minus = loss.accumulate(f, Nd4j.zeros(DataType.DOUBLE, c, 12), 2.5);
                f.putScalar(i, x);
                // central differences in double: truncation O(eps²·f''') ~ 1e-10, cancellation ~ 1e-16/eps ~ 1e-11
                assertEquals((plus - minus) / (2 * eps), grad.getDouble(i), 1e-8,
                        loss.getClass().getSimpleName() + " coordinate " + i);
            }
            loss.close();
        }
    }

    @Test
    void aMaskOfOnesGivesTheUnmaskedLosses() {
        Random r = new Random(15);
        INDArray f = random(r, 6, 20).castTo(DataType.FLOAT);
        INDArray t = random(r, 6, 20).castTo(DataType.FLOAT);
        float[] ones = new float[20];
        java.util.Arrays.fill(ones, 1f);
        GuidanceChannel full = GuidanceChannel.of(5, 4, ones);
        FeatureLoss[][] pairs = {{new StyleLoss(GramMatrix.of(t)), new MaskedStyleLoss(GramMatrix.of(t), full)},
                {new ContentLoss(t), new MaskedContentLoss(t, full)}};
        for (FeatureLoss[] pair : pairs) {
            INDArray plain = Nd4j.zeros(DataType.FLOAT, 6, 20);
            INDArray masked = Nd4j.zeros(DataType.FLOAT, 6, 20);
            double expected = pair[0].accumulate(f, plain, 3);
            // the same float32 operations but for the gradient's scale factor, computed in another order: 1 ulp
            assertEquals(expected, pair[1].accumulate(f, masked, 3), 1e-6 * expected);
            assertArrayEquals(plain.data().asFloat(), masked.data().asFloat(), 1e-6f * (float) plain.amaxNumber()
                    .doubleValue());
        }
    }

    @Test
    void aHalfMaskSeesOnlyItsHalfByHand() {
        // C = 1, four positions, mask [1, 1, 0, 0]: G = (1² + 3²) / (1 · 2) = 5 over the masked half only
        INDArray f = Nd4j.createFromArray(new double[][] {{1, 3, 100, -100}});
        GuidanceChannel left = GuidanceChannel.of(4, 1, new float[] {1, 1, 0, 0});
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, 1, 4);
        // A = 4: loss (5 − 4)² = 1; ∂L/∂F = 4 (G − A) F m² / (C³ S) = 4 · 1 · [1, 3, 0, 0] / 2
        double loss = new MaskedStyleLoss(Nd4j.createFromArray(new double[][] {{4}}), left).accumulate(f, grad, 1);
        assertEquals(1, loss, 1e-12);
        assertArrayEquals(new double[] {2, 6, 0, 0}, grad.data().asDouble(), 1e-12);
        // content: P = 0, mean over the masked half of F² = (1 + 9) / 2
        INDArray h = Nd4j.zeros(DataType.DOUBLE, 1, 4);
        assertEquals(5, new MaskedContentLoss(Nd4j.zeros(DataType.DOUBLE, 1, 4), left).accumulate(f, h, 1), 1e-12);
        assertArrayEquals(new double[] {1, 3, 0, 0}, h.data().asDouble(), 1e-12);
    }

    @Test
    void overwriteWritesWhatAccumulateAddsToZeros() {
        Random r = new Random(16);
        INDArray f = random(r, 3, 8).castTo(DataType.FLOAT);
        GuidanceChannel m = GuidanceChannel.of(8, 1, new float[] {0, 0.25f, 0.5f, 1, 1, 0.75f, 0, 1});
        FeatureLoss[] losses = {new MaskedStyleLoss(GramMatrix.of(random(r, 3, 8).castTo(DataType.FLOAT)), m),
                new MaskedContentLoss(random(r, 3, 8).castTo(DataType.FLOAT), m)};
        for (FeatureLoss loss : losses) {
            INDArray added = Nd4j.zeros(DataType.FLOAT, 3, 8);
            double value = loss.accumulate(f, added, 3);
            INDArray overwritten = Nd4j.valueArrayOf(new long[] {3, 8}, 7f, DataType.FLOAT);
            assertEquals(value, loss.overwrite(f, overwritten, 3), 1e-6 * value);
            assertArrayEquals(added.data().asFloat(), overwritten.data().asFloat(), 1e-6f);
        }
    }

    @Test
    void areaResizeByHandAndItsRefusals() {
        // 4×2 → 2×1: each output cell is the mean of a 2×2 block
        GuidanceChannel m = GuidanceChannel.of(4, 2, new float[] {1, 0, 0, 0, 1, 0, 0.5f, 0.5f});
        assertArrayEquals(new float[] {0.5f, 0.25f}, m.resizedTo(2, 1).values(), 0f);
        assertEquals(2.5, m.squaredMass(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> GuidanceChannel.of(2, 1, new float[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> GuidanceChannel.of(2, 1, new float[] {1, 1.5f}));
        assertThrows(IllegalArgumentException.class, () -> GuidanceChannel.of(2, 2, new float[] {1, 1}));
    }
}
