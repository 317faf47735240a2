package io.github.neuralstyle4j.gradient;

import io.github.neuralstyle4j.backbone.VggBackboneGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;


/** dL/dx through the real ORT forward + gradient graphs of a (small) VGG feature stack, against finite differences. */
class VggGradientTest {

    @Test
    void gradientOfTinyVggMatchesFiniteDifferencesAtRandomPoints() {
        var model = VggBackboneGenerator.model(List.of(new int[] {4, 4}, new int[] {6, 6}, new int[] {8}), 7);
        for (long seed : new long[] {1, 2, 3}) {
            var r = FiniteDifferenceCheck.run(model, "image",
                    List.of("conv1_1", "conv1_2", "relu2_1", "conv2_2", "conv3_1"), 12, 10, seed, 3e-4);
            GradientAssertions.assertMatchesDeep(r, 3 * 12 * 10);
        }
    }
}
