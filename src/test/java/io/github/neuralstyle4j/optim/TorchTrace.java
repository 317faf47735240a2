package io.github.neuralstyle4j.optim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One JSON trace written by tools/reference/lbfgs_trace.py: a torch run in float32, the same run in float64, and the
 * float32 runs from rounding-sized changes of the start that measure, with the first, the float32 floor.
 */
record TorchTrace(String problem, LineSearch lineSearch, boolean clamp, int numSteps, Run float32, Run float64,
                  List<Run> perturbed) {

    /** The float32 run as configured and the perturbed ones: every float32 run torch made of the problem. */
    List<Run> float32Runs() {
        List<Run> all = new ArrayList<>(List.of(float32));
        all.addAll(perturbed);
        return all;
    }

    /** Losses at every evaluation, evaluations per step() call, and the final (clamped) point. */
    record Run(double[] losses, int[] evaluationsPerStep, double[] finalX) {
        static Run of(JsonNode node) {
            return new Run(doubles(node.get("losses")), ints(node.get("evaluations_per_step")),
                    doubles(node.get("final_x")));
        }
    }

    static TorchTrace load(String resource) {
        try (InputStream in = TorchTrace.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + resource);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            LineSearch lineSearch = "strong_wolfe".equals(root.get("line_search").asText())
                    ? LineSearch.STRONG_WOLFE : LineSearch.NONE;
            List<Run> perturbed = new ArrayList<>();
            if (root.has("float32_floor")) {
                root.get("float32_floor").forEach(n -> perturbed.add(Run.of(n)));
            }
            return new TorchTrace(root.get("problem").asText(), lineSearch, root.get("clamp").asBoolean(),
                    root.get("num_steps").asInt(), Run.of(root), Run.of(root.get("float64")), List.copyOf(perturbed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How many leading evaluations torch reproduces under a change of rounding: the first index where the
     * float32 and float64 losses differ by more than {@code relative} (or the shorter length).
     */
    int reproducibleEvaluations(double relative) {
        int n = Math.min(float32.losses.length, float64.losses.length);
        for (int i = 0; i < n; i++) {
            double a = float32.losses[i];
            double b = float64.losses[i];
            if (Math.abs(a - b) > relative * Math.abs(b)) {
                return i;
            }
        }
        return n;
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
