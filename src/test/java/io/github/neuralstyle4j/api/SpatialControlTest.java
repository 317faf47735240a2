package io.github.neuralstyle4j.api;

import io.github.neuralstyle4j.config.PreserveColors;
import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.image.BuiltinImages;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.RgbImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Masks and textures through the public API: what they change in a run, and the requests they refuse. */
class SpatialControlTest {

    @TempDir
    static Path dir;
    private static StyleTransfer transfer;

    @BeforeAll
    static void open() {
        transfer = StyleTransfer.builder().backbone(TinyBackbone.open(dir)).threads(1).build();
    }

    @AfterAll
    static void close() {
        transfer.close();
    }

    private static RgbImage grey(float value) {
        float[] v = new float[3 * 8 * 6];
        Arrays.fill(v, value);
        return RgbImage.of(8, 6, v);
    }

    private static Evaluation first(Request.Builder b) {
        return transfer.run(b.startFromNoise(4).evaluations(1).build()).losses().get(0);
    }

    @Test
    void aWhiteMaskChangesNothingAndAHalfMaskChangesTheLosses() {
        Evaluation plain = first(TinyBackbone.request());
        Evaluation white = first(TinyBackbone.request().spatial(SpatialControl.NONE.withContentMask(grey(1))
                .withStyleMask(0, grey(1))));
        // a mask of ones is the unmasked loss: same float32 operations but for the order of one scale factor
        assertEquals(plain.style(), white.style(), 1e-6 * plain.style());
        assertEquals(plain.content(), white.content(), 1e-6 * plain.content());
        // a uniform grey mask too: the normalisation by Σm² cancels any constant level
        Evaluation dim = first(TinyBackbone.request().spatial(SpatialControl.NONE.withStyleMask(0, grey(0.5f))));
        assertEquals(plain.style(), dim.style(), 1e-5 * plain.style());
        Evaluation lake = first(TinyBackbone.request().spatial(SpatialControl.NONE
                .withContentMask(ImageLoading.load(BuiltinImages.LAKE_MASK))
                .withStyleMask(0, ImageLoading.load(BuiltinImages.LAKE_MASK))));
        assertNotEquals(plain.style(), lake.style());
        assertNotEquals(plain.content(), lake.content());
    }

    @Test
    void aTextureHasNoContentTermAndTheCanvasShape() {
        Request request = Request.builder().spatial(SpatialControl.texture(60, 40)).style(TinyBackbone.style(), 1)
                .styleLayers(TinyBackbone.STYLE_LAYERS).size(20).evaluations(2)
                .optimizer(TinyBackbone.request().build().optimizer()).build();
        assertNull(request.content());
        assertEquals(Request.Start.NOISE, request.start());
        assertTrue(request.contentLayers().isEmpty());
        Result r = transfer.run(request);
        // the canvas scaled like a content image: shorter side 20, 60:40 kept
        assertEquals(30, r.image().width());
        assertEquals(20, r.image().height());
        assertTrue(r.losses().stream().allMatch(e -> e.content() == 0 && e.style() > 0), r.losses().toString());
    }

    @Test
    void contradictionsAreRefused() {
        Request.Builder texture = Request.builder().spatial(SpatialControl.texture(64, 64))
                .style(TinyBackbone.style(), 1).styleLayers(TinyBackbone.STYLE_LAYERS);
        String[] messages = {
            message(() -> texture.startFromContent().build()),
            message(() -> texture.startFromNoise(1).preserveColors(PreserveColors.LUMINANCE).build()),
            message(() -> texture.preserveColors(PreserveColors.NONE).content(TinyBackbone.content()).build()),
            message(() -> TinyBackbone.request().spatial(SpatialControl.NONE.withStyleMask(1, grey(1))).build()),
            message(() -> TinyBackbone.request().gramInGraph(true)
                    .spatial(SpatialControl.NONE.withStyleMask(0, grey(1))).build()),
            message(() -> SpatialControl.texture(8, 64)),
            message(() -> transfer.run(TinyBackbone.request().spatial(SpatialControl.NONE.withStyleMask(0, grey(0)))
                    .build())),
        };
        List<String> expected = List.of("no content image to start from", "no content colours",
                "a texture's content image must not be given", "2 style masks for 1 style images",
                "style masks need the Gram matrices on the host", "texture width must be between 16",
                "black everywhere");
        for (int i = 0; i < messages.length; i++) {
            assertTrue(messages[i].contains(expected.get(i)), messages[i]);
        }
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
