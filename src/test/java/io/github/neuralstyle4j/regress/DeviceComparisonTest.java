package io.github.neuralstyle4j.regress;

import io.github.neuralstyle4j.config.DeviceSpec;
import io.github.neuralstyle4j.engine.Evaluation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The verdicts of {@link DeviceComparison#compare} on runs made up to sit either side of each tolerance. */
class DeviceComparisonTest {

    private static final DeviceComparison.Setup CPU = new DeviceComparison.Setup(DeviceSpec.CPU, false);
    private static final float[] GRADIENT = {3f, -1f, 0.5f, 2f};

    @Test
    void identicalRunsPass() {
        DeviceComparison.Run r = run(GRADIENT, 1.0);
        assertEquals(List.of("PASS", "PASS", "PASS", "INFO", "INFO"), statuses(DeviceComparison.compare(r, r)));
    }

    @Test
    void aGradientOffByOnePercentFails() {
        float[] scaled = GRADIENT.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 1.01f;   // rel L2 1e-2 > 1e-3; the cosine stays 1, which is why both are held
        }
        assertEquals(List.of("PASS", "FAIL", "PASS", "INFO", "INFO"),
                statuses(DeviceComparison.compare(run(GRADIENT, 1.0), run(scaled, 1.0))));
    }

    @Test
    void lossesOffByTenTimesTheToleranceFail() {
        assertEquals(List.of("PASS", "PASS", "FAIL", "INFO", "INFO"),
                statuses(DeviceComparison.compare(run(GRADIENT, 1.0), run(GRADIENT, 1.001))));
        assertEquals(List.of("PASS", "PASS", "PASS", "INFO", "INFO"),
                statuses(DeviceComparison.compare(run(GRADIENT, 1.0), run(GRADIENT, 1.00001))));
    }

    /** Five evaluations with losses 10, 8, 6, ... times {@code factor}. */
    private static DeviceComparison.Run run(float[] gradient, double factor) {
        List<Evaluation> losses = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            losses.add(new Evaluation(i, (12 - 2 * i) * factor, 0.5 * factor));
        }
        return new DeviceComparison.Run(CPU, gradient, losses, 1, 0.1);
    }

    private static List<String> statuses(List<CaseResult.Check> checks) {
        return checks.stream().map(c -> c.status().name()).toList();
    }
}
