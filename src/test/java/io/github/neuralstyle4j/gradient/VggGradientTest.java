package io.github.neuralstyle4j.gradient;

import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.backbone.VggBackboneGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;


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

    @Test
    void reluMasksComeFromTappedConvolutionsInsteadOfSavedReluOutputs() {
        // The seed's taps are convolutions, each followed by a ReLU whose mask the gradient needs. The tap is handed
        // over anyway, so the gradient graph reads it (Sign(Relu(conv))) rather than holding the ReLU's output too;
        // a tapped ReLU is read as itself, and an untapped convolution's ReLU output is still saved.
        var model = VggBackboneGenerator.model(List.of(new int[] {4, 4}, new int[] {6, 6}, new int[] {8}), 7);
        TappedGraphs graphs = GradientGraphBuilder.build(new FeatureGraph(model, "image"),
                List.of("conv1_1", "conv1_2", "relu2_1", "conv3_1"), 12, 10);
        List<String> saved = graphs.saved().stream().filter(t -> !t.contains("pool")).toList();
        // conv1_1 and conv1_2 stand in for relu1_1 and relu1_2; relu2_1 is a tap; conv2_2 is not tapped, so relu2_2
        // is saved; conv3_1's ReLU is past the last tap and not differentiated at all
        assertEquals(List.of("conv1_1", "conv1_2", "relu2_1", "relu2_2"), saved.stream().sorted().toList(),
                "saved: " + graphs.saved());
    }
}
