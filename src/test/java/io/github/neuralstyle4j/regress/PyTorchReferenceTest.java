package io.github.neuralstyle4j.regress;

import io.github.neuralstyle4j.backbone.VggBackboneGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * neuralstyle4j against the committed PyTorch references ({@code tools/make_reference.py}): each case of
 * {@code src/test/resources/reference/suite.json} is run by the engine on its backbone, regenerated into
 * {@code target/regress-backbones} from its recipe and proven identical by the reference's SHA-256, and must meet the
 * suite's tolerances. The suite file explains each bound with the measured numbers.
 */
class PyTorchReferenceTest {

    static final Path SUITE = Path.of("src/test/resources/reference/suite.json");
    static final Path BACKBONES = Path.of("target/regress-backbones");
    /** One thread: the cases are small, and one thread is the fastest for them (the numbers do not change). */
    static final RegressionRunner.Options OPTIONS = new RegressionRunner.Options(BACKBONES, null, 1, m -> { });

    static Stream<RegressionSuite.Entry> cases() {
        return RegressionSuite.load(SUITE).cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithPyTorch(RegressionSuite.Entry entry) {
        RegressionCase c = RegressionCase.load(entry.directory());
        Path backbone = RegressionRunner.backboneFor(entry, c, OPTIONS);
        if (entry.recipe() != null) {
            assertTrue(backbone.startsWith(BACKBONES), backbone.toString());
            // the Java generator must still make the bytes the reference was computed on
            assertEquals(c.reference().backboneSha256(), io.github.neuralstyle4j.backbone.BackboneFolders.sha256(backbone.resolve("features.onnx")),
                    "regenerated " + backbone + " differs from the reference's backbone");
        }
        CaseResult r = RegressionRunner.run(c, entry.name(), backbone, entry.tolerances(), OPTIONS);
        String table = r.checks().stream().map(k -> String.format(Locale.ROOT, "  %-30s %-34s %-14s %s", k.metric(),
                k.value(), k.tolerance(), k.status())).collect(Collectors.joining("\n"));
        System.out.println(entry.name() + " (" + (r.measured() == null ? "not run" : String.format(Locale.ROOT,
                "%.1f s", r.measured().seconds())) + "):\n" + table);
        assertTrue(r.passed(), entry.name() + ":\n" + table);
        assertNotNull(r.measured());
        assertEquals(c.reference().evaluations(), r.measured().evaluations());
    }
}
