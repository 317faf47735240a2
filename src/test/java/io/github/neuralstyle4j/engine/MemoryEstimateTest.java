package io.github.neuralstyle4j.engine;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import io.github.neuralstyle4j.api.OptimizerSpec;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.backbone.OnnxProtos;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The estimate's parts on a graph small enough to count by hand. */
class MemoryEstimateTest {

    /** L-BFGS with a history of 5 pairs. */
    private static final OptimizerSpec.Lbfgs LBFGS_5 = new OptimizerSpec.Lbfgs(1, 20, 25, 1e-7, 1e-9, 5,
            OptimizerSpec.Lbfgs.LineSearch.NONE);

    /** image [1,3,H,W] → Conv 3→2 (1×1, weights 2·3 floats, bias 2) → c1 → Relu → r1 → MaxPool 2×2/2 → p1 → Relu → r2. */
    private static FeatureGraph graph() {
        GraphProto g = GraphProto.newBuilder().setName("tiny")
                .addInput(OnnxProtos.floatValueInfo("image", new long[] {1, 3, -1, -1}, "h", "w"))
                .addInitializer(OnnxProtos.floatTensor("w", new long[] {2, 3, 1, 1}, new float[6]))
                .addInitializer(OnnxProtos.floatTensor("b", new long[] {2}, new float[2]))
                .addNode(OnnxProtos.node("Conv", "conv", List.of("image", "w", "b"), List.of("c1")))
                .addNode(OnnxProtos.node("Relu", "relu", List.of("c1"), List.of("r1")))
                .addNode(OnnxProtos.node("MaxPool", "pool", List.of("r1"), List.of("p1"),
                        OnnxProtos.ints("kernel_shape", 2, 2), OnnxProtos.ints("strides", 2, 2)))
                .addNode(OnnxProtos.node("Relu", "relu2", List.of("p1"), List.of("r2")))
                .addOutput(OnnxProtos.floatValueInfo("r2", new long[] {1, 2, -1, -1}, "h", "w"))
                .build();
        ModelProto model = ModelProto.newBuilder().setIrVersion(OnnxProtos.IR_VERSION).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxProtos.OPSET)).build();
        return new FeatureGraph(model, "image");
    }

    @Test
    void countsTheTensorsUpToTheLastTapAndTheWeightsTheyUse() {
        MemoryEstimate e = MemoryEstimate.of(graph(), List.of("r1"), List.of(), 8, 6, LBFGS_5.stateBytes(144), 1);
        // up to r1: c1 and r1, each 1·2·8·6 floats = 384 bytes; the pool after the tap is not run
        assertEquals(2 * 384, e.activations());
        assertEquals((6 + 2) * 4, e.weights());
        // L-BFGS: 2·5 correction vectors + ~10 working vectors of n = 3·8·6 = 144 floats
        assertEquals((2 * 5 + 10) * 144 * 4, e.optimizer());

        MemoryEstimate deeper = MemoryEstimate.of(graph(), List.of("r2"), List.of(), 8, 6, LBFGS_5.stateBytes(144), 1);
        // plus p1 and r2, each 1·2·4·3 floats = 96 bytes
        assertEquals(2 * 384 + 2 * 96, deeper.activations());
    }

    @Test
    void tapBuffersAndContentTargetsAreCountedOncePerTensor() {
        // r1 tapped for style and content (384 bytes), c1 for style only (384 bytes): a features and a gradient
        // buffer per tap; the content loss keeps its target and a scratch copy of r1
        MemoryEstimate e = MemoryEstimate.of(graph(), List.of("r1", "c1", "r1"), List.of("r1"), 8, 6, 0, 1);
        assertEquals(2 * 384 + 2 * 384, e.taps());
        assertEquals(2 * 384, e.contentTargets());
        // two masked style images: each keeps F·diag(m) of every style tap (r1 and c1, 384 bytes each)
        MemoryEstimate masked = MemoryEstimate.of(graph(), List.of("r1", "c1"), List.of("r1"), 8, 6, 0, 2,
                List.of("r1", "c1", "r1"), 2);
        assertEquals(e.taps() + 2 * (384 + 384), masked.taps());
    }

    @Test
    void theHistoryHoldsNoMorePairsThanTheRunHasEvaluations() {
        OptimizerSpec.Lbfgs lbfgs = new OptimizerSpec.Lbfgs(1, 20, 25, 1e-7, 1e-9, 100,
                OptimizerSpec.Lbfgs.LineSearch.NONE);
        // 300 evaluations fill 100 pairs; 40 make at most 40: (2·pairs + 10 working) vectors of 144 floats
        assertEquals((2 * 100 + 10) * 144 * 4, lbfgs.stateBytes(144, 300));
        assertEquals((2 * 40 + 10) * 144 * 4, lbfgs.stateBytes(144, 40));
        assertEquals(lbfgs.stateBytes(144), lbfgs.stateBytes(144, 300));
    }

    @Test
    void theTotalAddsBothSessionsAndTheRuntime() {
        MemoryEstimate e = new MemoryEstimate(100, 1000, 50, 20, 10, 1);
        assertEquals(MemoryEstimate.RUNTIME + 2 * 100 + Math.round(MemoryEstimate.ARENA_FACTOR * 1000) + 50 + 20 + 10
                + 1, e.total());
    }
}
