package io.github.neuralstyle4j.engine;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.gradient.BackwardMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three projections of one channel against PyTorch, where each is computed by its own definition
 * (tools/reference/deconvnet_reference.py: autograd for gradient, autograd with a clamping ReLU hook for guided,
 * and for deconvnet an explicit chain of conv_transpose2d / relu / max_unpool2d with the recorded indices), on a tiny
 * net (normalisation, conv, ReLU, max-pool, conv, ReLU, conv) whose weights Java reads from the exported ONNX.
 *
 * <p>Bound: max |ours − expected| ≤ 1e-5 · max |expected|. Both sides run float32; each output value is a sum over
 * three transposed 3×3 convolutions (≤ 54 products per layer), so reordered accumulation leaves a few float32 ulps of
 * the largest values (~1e-7 relative, measured ≤ 3e-7); 1e-5 keeps a margin of 30× while a wrong rule (a mask kept or
 * dropped, a switch misrouted) changes values by the order of the values themselves: the script checks that the
 * three modes differ by more than 1e-3 of their scale on this input.
 */
class FeatureProjectionReferenceTest {

    static final Path DIR = Path.of("src/test/resources/visualize");

    @ParameterizedTest
    @EnumSource(BackwardMode.class)
    void agreesWithPyTorch(BackwardMode mode) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(DIR.resolve("tiny.onnx")));
        int h = ref.get("shape").get(2).asInt();
        int w = ref.get("shape").get(3).asInt();
        int channel = ref.get("channel").asInt();
        float[] input = floats(ref.get("input"));
        float[] expected = floats(ref.get(mode.name().toLowerCase(java.util.Locale.ROOT)));

        FeatureProjection.Result r = FeatureProjection.project(new OrtRuntime(new ExecutionOptions(false, 0, 1)),
                new FeatureGraph(model, "image"), ref.get("tap").asText(), input, h, w, mode, m -> List.of(channel));
        float[] ours = r.projections().get(0);
        assertEquals(expected.length, ours.length);
        double maxExpected = 0;
        double maxError = 0;
        for (int i = 0; i < expected.length; i++) {
            maxExpected = Math.max(maxExpected, Math.abs(expected[i]));
            maxError = Math.max(maxError, Math.abs(ours[i] - expected[i]));
        }
        assertTrue(maxExpected > 0);
        double relative = maxError / maxExpected;
        System.out.printf("visualize reference %s: max |error| / max |expected| = %.2e%n", mode, relative);
        assertTrue(relative <= 1e-5, mode + ": relative error " + relative);
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
