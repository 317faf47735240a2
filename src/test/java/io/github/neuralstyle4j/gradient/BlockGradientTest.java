package io.github.neuralstyle4j.gradient;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Whole blocks of the backbones torchvision exports, against finite differences: ResNet basic blocks (the
 * shortcut fans the block input out, and the two gradients must meet in a sum), a ResNet-shaped network up to its
 * second stage, and a MobileNetV2 inverted residual with ReLU6.
 */
class BlockGradientTest {

    @Test
    void residualBlockWithIdentityShortcut() {
        NetBuilder n = new NetBuilder(11);
        String x = n.relu(n.batchNorm(n.conv("image", 3, 4, 3, 1, 1, 1), 4, 1));
        String out = basicBlock(n, x, 4, 4, 1);
        var r = FiniteDifferenceCheck.run(n.model(out), "image", List.of(out), 11, 9, 11, 3e-4);
        GradientAssertions.assertMatches(r, 3 * 11 * 9);
    }

    @Test
    void residualBlockWithStridedProjectionShortcut() {
        NetBuilder n = new NetBuilder(12);
        String x = n.relu(n.batchNorm(n.conv("image", 3, 4, 3, 1, 1, 1), 4, 1));
        String out = basicBlock(n, x, 4, 6, 2);
        var r = FiniteDifferenceCheck.run(n.model(out), "image", List.of(out), 11, 9, 12, 3e-4);
        GradientAssertions.assertMatches(r, 3 * 11 * 9);
    }

    /** torchvision's ResNet up to layer2, narrowed: conv 7×7/2 + BN + ReLU, MaxPool 3×3/2 pad 1, two basic blocks. */
    @Test
    void resnetShapedNetworkAtSeveralTaps() {
        NetBuilder n = new NetBuilder(13);
        String stem = n.relu(n.batchNorm(n.conv("image", 3, 6, 7, 2, 3, 1), 6, 1));
        String pool = n.maxPool(stem, 3, 2, 1);
        String layer1 = basicBlock(n, pool, 6, 6, 1);
        String layer2 = basicBlock(n, layer1, 6, 8, 2);
        // layer2 is 3×2 for a 19×15 image: each of its values sums over most of the image, so a pixel's derivative is
        // small against the features' float32 rounding, which at eps = 3e-4 gives a relative error of ~2e-2 (falling
        // as 1/eps) and one-sided quotients that disagree as if at kinks; hence a 10x larger step
        var r = FiniteDifferenceCheck.run(n.model(layer2), "image", List.of(stem, pool, layer1, layer2), 19, 15, 13, 3e-3);
        GradientAssertions.assertMatchesDeep(r, 3 * 19 * 15);
    }

    /**
     * MobileNetV2's inverted residual (stride 1, so with its shortcut): 1×1 expansion + BN + ReLU6, 3×3 depthwise +
     * BN + ReLU6, linear 1×1 projection + BN, plus the block input. The BN gain of 4 pushes pre-activations past 6.
     */
    @Test
    void mobileNetV2InvertedResidual() {
        NetBuilder n = new NetBuilder(14);
        String x = n.relu6(n.batchNorm(n.conv("image", 3, 4, 3, 1, 1, 1), 4, 4));
        String expand = n.relu6(n.batchNorm(n.conv(x, 4, 24, 1, 1, 0, 1), 24, 4));
        String depthwise = n.relu6(n.batchNorm(n.conv(expand, 24, 24, 3, 1, 1, 24), 24, 4));
        String project = n.batchNorm(n.conv(depthwise, 24, 4, 1, 1, 0, 1), 4, 1);
        String out = n.node("Add", List.of(project, x));
        var model = n.model(out);
        LayerGradientTest.assertClipsAtBothBounds(FiniteDifferenceCheck.features(model, "image", expand, 13, 11, 14), 0, 6);
        var r = FiniteDifferenceCheck.run(model, "image", List.of(expand, out), 13, 11, 14, 3e-4);
        GradientAssertions.assertMatches(r, 3 * 13 * 11);
    }

    /** torchvision's BasicBlock: conv 3×3 + BN + ReLU, conv 3×3 + BN, plus the shortcut (a 1×1 projection + BN when
     * the stride or the width changes), then ReLU. */
    private static String basicBlock(NetBuilder n, String x, int in, int out, int stride) {
        String y = n.relu(n.batchNorm(n.conv(x, in, out, 3, stride, 1, 1), out, 1));
        y = n.batchNorm(n.conv(y, out, out, 3, 1, 1, 1), out, 1);
        String shortcut = stride == 1 && in == out ? x : n.batchNorm(n.conv(x, in, out, 1, stride, 0, 1), out, 1);
        return n.relu(n.node("Add", List.of(y, shortcut)));
    }
}
