package io.github.neuralstyle4j.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The warp, Ruder's consistency mask and the temporal loss with its gradient against PyTorch's float64 case
 * (tools/reference/temporal_reference.py: grid_sample for the warp, autograd for the gradient).
 */
class TemporalReferenceTest {

    @Test
    void warpMaskLossAndGradientMatchPyTorch() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/reference/temporal.json")) {
            assertNotNull(in, "reference/temporal.json on the test class path");
            ref = new ObjectMapper().readTree(in);
        }
        int w = ref.get("width").asInt();
        int h = ref.get("height").asInt();
        Flow backward = new Flow(w, h, floats(ref, "backward_dx"), floats(ref, "backward_dy"));
        Flow forward = new Flow(w, h, floats(ref, "forward_dx"), floats(ref, "forward_dy"));

        float[] mask = Consistency.mask(backward, forward);
        float[] expectedMask = floats(ref, "mask");
        for (int i = 0; i < mask.length; i++) {
            // the reference keeps every decision 2 % away from its threshold: exact agreement is expected
            assertEquals(expectedMask[i], mask[i], "mask at pixel " + i);
        }

        float[] warped = backward.warp(floats(ref, "previous"));
        float[] expectedWarped = floats(ref, "warped");
        for (int i = 0; i < warped.length; i++) {
            // bilinear weights in float32 on values in [0, 1]: a few ulps of 1 (1.2e-7 each)
            assertEquals(expectedWarped[i], warped[i], 1e-6, "warped value " + i);
        }

        double lambda = ref.get("lambda").asDouble();
        float[] image = floats(ref, "image");
        float[] gradient = new float[image.length];
        double loss = new TemporalLoss(w, h, floats(ref, "warped"), mask, lambda).addTo(image, gradient, w, h);
        // float32 inputs rounded from float64 (relative 6e-8 each), squared and summed in double: 1e-6 relative
        assertEquals(ref.get("loss").asDouble(), loss, 1e-6 * ref.get("loss").asDouble());
        float[] expectedGradient = floats(ref, "gradient");
        for (int i = 0; i < gradient.length; i++) {
            // one float32 product of values ≤ 2λ/D: a few ulps
            assertEquals(expectedGradient[i], gradient[i], 1e-6, "gradient value " + i);
        }
    }

    private static float[] floats(JsonNode ref, String name) {
        JsonNode a = ref.get(name);
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a.get(i).asDouble();
        }
        return out;
    }
}
