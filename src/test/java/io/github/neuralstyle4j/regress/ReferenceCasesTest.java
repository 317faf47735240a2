package io.github.neuralstyle4j.regress;

import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed cases are what docs/regression.md says they are, judge something, and stay small. */
class ReferenceCasesTest {

    /** tools/reference/regenerate.sh dithers every image by at most this many levels (make_reference.py --dither). */
    private static final int DITHER = 2;

    private static List<RegressionCase> cases() {
        return RegressionSuite.load(PyTorchReferenceTest.SUITE).cases().stream()
                .map(e -> RegressionCase.load(e.directory())).toList();
    }

    @Test
    void theCasesUseTheBuiltInImagesDitheredAtTheRunSize() {
        for (RegressionCase c : cases()) {
            // PIL's resize of the built-ins (byte for byte what neuralstyle4j makes of them) plus a +-2 level dither
            RgbImage content = Resize.shorterSideTo(ImageLoading.load("builtin:landscape"), c.config().imageSize());
            RgbImage stored = ImageLoading.load(c.config().content().image());
            assertWithinDither(content, stored, c.name() + " content");
            RgbImage style = ImageLoading.load(c.config().style().images().get(0).image());
            assertWithinDither(Resize.to(ImageLoading.load("builtin:brushstrokes"), style.width(), style.height()),
                    style, c.name() + " style");
            assertEquals(content.width(), c.reference().width(), c.name());
            assertEquals(content.height(), c.reference().height(), c.name());
            assertEquals(c.reference().width() * c.reference().height() * 3, c.referenceGradient().length);
            assertEquals(c.reference().evaluations(), c.reference().losses().size());
        }
    }

    /**
     * Every case is judged against PyTorch's float64 run (format 2), its images leave no max-pool window tied at the
     * start (a tie's gradient route depends on how a machine rounds), and PyTorch's own float32 runs end at most a
     * eighth of the content image's distance from the float64 result: a case whose float32 floor were wider could
     * not tell a right result from a wrong one.
     */
    @Test
    void everyCaseIsFloat64JudgedTieFreeAndDiscriminating() {
        for (RegressionCase c : cases()) {
            Reference r = c.reference();
            assertTrue(r.judgedAgainstFloat64(), c.name() + " is not a format-2 reference");
            assertNotNull(r.ties(), c.name());
            assertEquals(0, r.ties().tied(), c.name() + ": tied max-pool windows at the start");
            for (Reference.FloorRun run : r.float32Floor().runs()) {
                assertTrue(run.finalDistanceRatio() <= 0.125, c.name() + ": float32 floor " + run.finalDistanceRatio());
            }
        }
    }

    @Test
    void theReferencesStayUnderOneMegabyte() throws IOException {
        long bytes;
        try (var files = Files.walk(PyTorchReferenceTest.SUITE.getParent())) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(bytes < 1_000_000, bytes + " bytes under " + PyTorchReferenceTest.SUITE.getParent());
    }

    private static void assertWithinDither(RgbImage expected, RgbImage actual, String what) {
        assertEquals(expected.width(), actual.width(), what);
        assertEquals(expected.height(), actual.height(), what);
        float[] a = expected.planar();
        float[] b = actual.planar();
        int changed = 0;
        for (int i = 0; i < a.length; i++) {
            int d = Math.abs(Math.round(a[i] * 255) - Math.round(b[i] * 255));
            assertTrue(d <= DITHER, what + ": differs by " + d + " levels at " + i);
            changed += d > 0 ? 1 : 0;
        }
        assertTrue(changed > a.length / 2, what + ": not dithered (" + changed + " of " + a.length + " changed)");
    }
}
