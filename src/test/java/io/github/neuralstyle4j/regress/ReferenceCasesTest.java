package io.github.neuralstyle4j.regress;

import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed cases are what the README says they are, and stay small. */
class ReferenceCasesTest {

    @Test
    void theVggCasesUseTheBuiltInImagesAtTheRunSize() {
        for (String name : java.util.List.of("vgg19-random-seed", "vgg16-gatys")) {
            var e = RegressionSuite.load(PyTorchReferenceTest.SUITE).cases().stream()
                    .filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            RegressionCase c = RegressionCase.load(e.directory());
            // written by tools/make_reference.py --case-from-config from PNGs of the built-ins (PIL's resize), they
            // are byte for byte what neuralstyle4j makes of builtin:landscape and builtin:brushstrokes at this size
            RgbImage content = Resize.shorterSideTo(ImageLoading.load("builtin:landscape"), c.config().imageSize());
            RgbImage style = Resize.to(ImageLoading.load("builtin:brushstrokes"), content.width(), content.height());
            assertArrayEquals(content.planar(), ImageLoading.load(c.config().content().image()).planar(), e.name());
            assertArrayEquals(style.planar(), ImageLoading.load(c.config().style().images().get(0).image()).planar(),
                    e.name());
            assertEquals(content.width(), c.reference().width());
            assertEquals(content.height(), c.reference().height());
            assertEquals(c.reference().width() * c.reference().height() * 3, c.referenceGradient().length);
            assertNotNull(c.referenceGradientFloat64(), e.name());
            assertEquals(c.reference().evaluations(), c.reference().losses().size());
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
}
