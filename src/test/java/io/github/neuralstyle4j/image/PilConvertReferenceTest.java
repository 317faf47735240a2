package io.github.neuralstyle4j.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file under {@code image/convert/} must load as Pillow's {@code Image.open(f).convert('RGB')} read it. The
 * expected bytes were written by Pillow itself ({@code tools/reference/pil_convert_reference.py}, Pillow 9.4), not
 * by this project: 16-bit grey (Pillow's mode I, clipped to 255), 16-bit grey with tRNS, 16-bit grey + alpha and
 * 16-bit RGB(A) (high byte), palettes with tRNS alpha, 8-bit and 1/2/4-bit grey, grey + alpha and a 16-bit grey TIFF
 * (mode I;16). Exact equality: both sides are integer conversions.
 */
class PilConvertReferenceTest {

    @TestFactory
    List<DynamicTest> everyFileReadsAsPillowConvertsIt() throws IOException {
        Path folder = TestImages.resource("convert/expected.json").getParent();
        JsonNode expected = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : expected.get("files")) {
            String file = entry.get("file").asText();
            tests.add(DynamicTest.dynamicTest(file + " (Pillow mode " + entry.get("pillow_mode").asText() + ")",
                    () -> assertPillowBytes(ImageLoading.read(folder.resolve(file)), entry.get("rgb"), file)));
        }
        assertTrue(tests.size() >= 10, "expected.json lists too few files: " + tests.size());
        return tests;
    }

    private static void assertPillowBytes(RgbImage image, JsonNode rows, String file) {
        assertEquals(rows.size(), image.height(), file + ": height");
        assertEquals(rows.get(0).size(), image.width(), file + ": width");
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(rows.get(y).get(x).get(c).asInt(), TestImages.level(image, c, x, y),
                            file + ": channel " + c + " at (" + x + ", " + y + ")");
                }
            }
        }
    }
}
