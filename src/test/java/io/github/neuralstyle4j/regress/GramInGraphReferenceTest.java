package io.github.neuralstyle4j.regress;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PyTorch reference case of the seed's settings (VGG19, five style layers, no line search) run with the Gram
 * matrices computed in the graphs, the CUDA default, here on the CPU: it must meet the same tolerances as the host
 * path in {@link PyTorchReferenceTest}, including the start gradient against PyTorch's float64 run to 1e-5.
 */
class GramInGraphReferenceTest {

    @Test
    void seedCaseAgreesWithPyTorchWithGramsInTheGraph() {
        RegressionSuite.Entry entry = RegressionSuite.load(PyTorchReferenceTest.SUITE).cases().stream()
                .filter(e -> e.name().equals("vgg19-random-seed")).findFirst().orElseThrow();
        RegressionCase c = RegressionCase.load(entry.directory());
        RegressionRunner.Options options = new RegressionRunner.Options(PyTorchReferenceTest.BACKBONES, null, 1,
                m -> { }, true);
        CaseResult r = RegressionRunner.run(c, entry.name(), RegressionRunner.backboneFor(entry, c, options),
                entry.tolerances(), options);
        String table = r.checks().stream().map(k -> String.format(Locale.ROOT, "  %-30s %-34s %-14s %s", k.metric(),
                k.value(), k.tolerance(), k.status())).collect(Collectors.joining("\n"));
        System.out.println(entry.name() + " with Grams in the graph:\n" + table);
        assertTrue(r.passed(), table);
        assertEquals(c.reference().evaluations(), r.measured().evaluations());
    }
}
