package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.engine.ExecutionOptions;
import io.github.neuralstyle4j.engine.OrtRuntime;
import io.github.neuralstyle4j.engine.TapSessions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The three rectifier rules on one-node graphs, against their definitions written out by hand: x and g cover every
 * sign combination (x &lt; 0 with g &gt; 0 and g &lt; 0, x &gt; 0 with both, and for Clip x above 6). Exact, with
 * delta 0 so that -0 (a masked negative g) equals 0.
 */
class BackwardModeTest {

    // 1×3×2×2: per position the pairs (x, g) of every sign combination, and x = 7 > 6 for Clip
    static final float[] X = {-1, -2, 3, 4, /**/ 0.5f, -0.5f, 2, 7, /**/ -3, 1, 7, -4};
    static final float[] G = {2, -3, 5, -7, /**/ -1, 4, 6, 8, /**/ -2, -9, 3, 1};

    //              x:  -1  -2   3   4 | .5 -.5   2   7 | -3   1   7  -4
    //              g:   2  -3   5  -7 | -1   4   6   8 | -2  -9   3   1
    // relu gradient  g·1[x>0]:
    static final float[] RELU_GRADIENT = {0, 0, 5, -7, -1, 0, 6, 8, 0, -9, 3, 0};
    // deconvnet relu(g):
    static final float[] DECONVNET = {2, 0, 5, 0, 0, 4, 6, 8, 0, 0, 3, 1};
    // guided g·1[x>0]·1[g>0]:
    static final float[] RELU_GUIDED = {0, 0, 5, 0, 0, 0, 6, 8, 0, 0, 3, 0};
    // ReLU6 gradient g·1[0<x<6] (x = 7 blocked):
    static final float[] CLIP_GRADIENT = {0, 0, 5, -7, -1, 0, 6, 0, 0, -9, 0, 0};
    // ReLU6 guided g·1[0<x<6]·1[g>0]:
    static final float[] CLIP_GUIDED = {0, 0, 5, 0, 0, 0, 6, 0, 0, 0, 0, 0};

    @Test
    void reluRules() {
        NetBuilder net = new NetBuilder(1);
        ModelProto model = net.model(net.relu("image"));
        assertArrayEquals(RELU_GRADIENT, project(model, BackwardMode.GRADIENT), 0f);
        assertArrayEquals(DECONVNET, project(model, BackwardMode.DECONVNET), 0f);
        assertArrayEquals(RELU_GUIDED, project(model, BackwardMode.GUIDED), 0f);
    }

    @Test
    void clipRulesReadReluSix() {
        NetBuilder net = new NetBuilder(1);
        ModelProto model = net.model(net.relu6("image"));
        assertArrayEquals(CLIP_GRADIENT, project(model, BackwardMode.GRADIENT), 0f);
        assertArrayEquals(DECONVNET, project(model, BackwardMode.DECONVNET), 0f);
        assertArrayEquals(CLIP_GUIDED, project(model, BackwardMode.GUIDED), 0f);
    }

    private static float[] project(ModelProto model, BackwardMode mode) {
        FeatureGraph graph = new FeatureGraph(model, "image");
        String tap = model.getGraph().getOutput(0).getName();
        try (TapSessions s = TapSessions.open(new OrtRuntime(new ExecutionOptions(false, 0, 1)), graph,
                java.util.List.of(tap), 2, 2, mode);
             INDArray x = Nd4j.createFromArray(X);
             INDArray out = Nd4j.create(DataType.FLOAT, X.length);
             TapSessions.ForwardPass pass = s.forward(x)) {
            s.featureGradient(tap).assign(Nd4j.createFromArray(G).reshape(3, 4));
            s.backward(pass, out);
            return out.toFloatVector();
        }
    }
}
