package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.backbone.PoolingSwap;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The max → average pooling rewrite: what the rewritten graph computes, and its gradient. */
class PoolingSwapTest {

    private static ModelProto swapped(ModelProto model) {
        return PoolingSwap.toAverage(new FeatureGraph(model, "image")).model();
    }

    private static long count(ModelProto model, String op) {
        return model.getGraph().getNodeList().stream().map(NodeProto::getOpType).filter(op::equals).count();
    }

    @Test
    void rewrittenPoolAveragesTheInBoundsPixelsOfEachWindow() {
        int h = 9;
        int w = 11;
        NetBuilder net = new NetBuilder(1);
        ModelProto model = swapped(net.model(net.maxPool("image", 3, 2, 1)));
        assertEquals(0, count(model, "MaxPool"));
        assertEquals(1, count(model, "AveragePool"));

        long seed = 7;
        float[] actual = FiniteDifferenceCheck.features(model, "image", model.getGraph().getOutput(0).getName(),
                h, w, seed);
        // the same image FiniteDifferenceCheck.features evaluates, averaged here window by window in double:
        // 3×3 windows, stride 2, one pixel of padding left out of the count
        float[] x;
        try (INDArray image = FiniteDifferenceCheck.image(new Random(seed), 3 * h * w)) {
            x = image.toFloatVector();
        }
        int oh = (h + 2 - 3) / 2 + 1;
        int ow = (w + 2 - 3) / 2 + 1;
        assertEquals(3 * oh * ow, actual.length);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double sum = 0;
                    int n = 0;
                    for (int y = 2 * i - 1; y <= 2 * i + 1; y++) {
                        for (int z = 2 * j - 1; z <= 2 * j + 1; z++) {
                            if (y >= 0 && y < h && z >= 0 && z < w) {
                                sum += x[(c * h + y) * w + z];
                                n++;
                            }
                        }
                    }
                    // float32 sums of at most 9 values in (0, 1): a few ulps of 1
                    assertEquals(sum / n, actual[(c * oh + i) * ow + j], 1e-6, "c" + c + " (" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void gradientOfTheRewrittenStackMatchesFiniteDifferences() {
        NetBuilder net = new NetBuilder(3);
        String x = net.relu(net.conv("image", 3, 4, 3, 1, 1, 1));
        x = net.maxPool(x, 2, 2, 0);
        x = net.relu(net.conv(x, 4, 4, 3, 1, 1, 1));
        x = net.maxPool(x, 3, 2, 1);
        ModelProto model = swapped(net.model(x));
        assertEquals(2, count(model, "AveragePool"));
        var r = FiniteDifferenceCheck.run(model, "image", List.of(x), 12, 10, 11, 3e-4);
        GradientAssertions.assertMatches(r, 3 * 12 * 10);
    }
}
