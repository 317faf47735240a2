package io.github.neuralstyle4j.config;

import java.util.List;
import java.util.Map;

/**
 * The run {@code stylize} makes without {@code --config}: the same as {@code config/default.json} (a test keeps the
 * two equal), so that the command works from any folder and from the jar alone.
 */
public final class BuiltinDefault {

    /** The stop rule chosen by measurement (docs/convergence.md): less than 0.2 % better over 20 evaluations. */
    public static final StopRule STOP = new StopRule(0, 0.002, 20);

    private BuiltinDefault() {
    }

    /**
     * The seed's losses, layers and weights on the built-in images, optimised by strong-Wolfe L-BFGS on the
     * projected gradient and stopped by {@link #STOP}.
     */
    public static StyleTransferConfig config() {
        ContentSpec content = new ContentSpec("builtin:landscape", ContentSpec.DEFAULT_WEIGHT, Map.of("conv_4", 1.0));
        StyleSpec style = new StyleSpec(List.of(new StyleImage("builtin:brushstrokes", 1)), StyleSpec.DEFAULT_WEIGHT,
                orderedLayers("conv_1", "conv_2", "conv_3", "conv_4", "conv_5"));
        OptimizerSpec seed = OptimizerSpec.DEFAULT;
        OptimizerSpec optimizer = new OptimizerSpec(seed.name(), seed.learningRate(), seed.maxIter(), seed.maxEval(),
                seed.toleranceGrad(), seed.toleranceChange(), seed.historySize(), OptimizerSpec.LineSearch.STRONG_WOLFE,
                seed.beta1(), seed.beta2(), seed.eps(), seed.formula(), true);
        return StyleTransferConfig.defaults(content, style).toBuilder().optimizer(optimizer).stop(STOP).build();
    }

    private static Map<String, Double> orderedLayers(String... names) {
        Map<String, Double> layers = new java.util.LinkedHashMap<>();
        for (String name : names) {
            layers.put(name, 1.0);
        }
        return layers;
    }
}
