package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.config.InitImage;
import io.github.neuralstyle4j.config.PreserveColors;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.image.ColorMatching;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.ImageWriter;
import io.github.neuralstyle4j.image.Luminance;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a run's inputs become for each setting (no network needed). */
class RunImagesTest {

    @TempDir
    static Path dir;
    private static StyleTransferConfig base;
    private static String contentPng;
    private static String stylePng;

    /** Small random PNGs rather than the built-ins, which take a while to draw. */
    @BeforeAll
    static void images() throws Exception {
        contentPng = write("content.png", 80, 60, 1);
        stylePng = write("style.png", 40, 50, 2);
        base = ConfigLoader.load(Path.of("config/seed.json")).withContentImage(contentPng)
                .withStyleImages(List.of(stylePng));
    }

    private static String write(String name, int w, int h, long seed) throws Exception {
        float[] v = RunImages.noise(w, h, seed).planar();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(v[i] * 255) / 255f;   // 8-bit, as a PNG holds it
        }
        Path file = dir.resolve(name);
        ImageWriter.write(RgbImage.of(w, h, v), file);
        return file.toString();
    }

    @Test
    void theSeedsInputsByDefault() {
        RunImages images = RunImages.prepare(base, 48);
        // 80×60 content: 64×48; the style at the content's exact size; start = content
        assertEquals(64, images.width());
        assertEquals(48, images.height());
        RgbImage expectedStyle = Resize.to(ImageLoading.load(stylePng), 64, 48);
        assertArrayEquals(expectedStyle.planar(), images.styles().get(0).planar());
        assertSame(images.networkContent(), images.start());
        assertSame(images.content(), images.networkContent());
        RgbImage out = RgbImage.of(64, 48, new float[3 * 64 * 48]);
        assertSame(out, images.toOutput(out));
    }

    @Test
    void styleScaleResizesRelativeToTheContentKeepingTheAspectRatio() {
        RunImages images = RunImages.prepare(base.withStyleScale(1.5), 48);
        // the style's shorter side 1.5 · 48 = 72; the style is 40×50: int(72 · 50/40) = 90 high
        assertEquals(72, images.styles().get(0).width());
        assertEquals(90, images.styles().get(0).height());
    }

    @Test
    void blendWeightsAreNormalised() {
        StyleTransferConfig c = base.withStyleImages(List.of(stylePng, contentPng))
                .withStyleWeights(List.of(1.0, 3.0));
        assertArrayEquals(new double[] {0.25, 0.75}, RunImages.prepare(c, 32).blendWeights(), 1e-15);
    }

    @Test
    void noiseIsUniformAndFixedByTheSeed() {
        StyleTransferConfig c = base.toBuilder().init(InitImage.NOISE).seed(11).build();
        float[] a = RunImages.prepare(c, 32).start().planar();
        float[] b = RunImages.prepare(c, 32).start().planar();
        float[] other = RunImages.prepare(c.withSeed(12), 32).start().planar();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, other));
        double mean = 0;
        for (float v : a) {
            assertTrue(v >= 0 && v < 1);
            mean += v;
        }
        // uniform on [0,1): mean 1/2 with standard error sqrt(1/12 / 4032) ≈ 0.0045; 0.03 is over six of them
        assertEquals(0.5, mean / a.length, 0.03);
    }

    @Test
    void aStartImageIsResizedToTheContent() {
        StyleTransferConfig c = base.toBuilder().init(InitImage.ofImage(stylePng)).build();
        RgbImage start = RunImages.prepare(c, 32).start();
        assertArrayEquals(Resize.to(ImageLoading.load(stylePng), 42, 32).planar(), start.planar());
    }

    @Test
    void luminanceModeShowsTheNetworkGreyImagesAndPutsTheChromaBack() {
        StyleTransferConfig c = base.toBuilder().preserveColors(PreserveColors.LUMINANCE).build();
        RunImages images = RunImages.prepare(c, 32);
        assertArrayEquals(Luminance.grey(images.content()).planar(), images.networkContent().planar());
        RgbImage style = images.styles().get(0);
        int n = style.width() * style.height();
        for (int i = 0; i < n; i++) {
            assertEquals(style.planar()[i], style.planar()[n + i]);
            assertEquals(style.planar()[i], style.planar()[2 * n + i]);
        }
        // the style's luminance has the content's mean (the paper's luminance matching)
        assertEquals(ColorMatching.Moments.of(images.networkContent()).mean()[0],
                ColorMatching.Moments.of(style).mean()[0], 1e-6);
        RgbImage out = images.toOutput(images.networkContent());
        // the grey content with the content's chroma is the content itself (to float32 rounding)
        assertArrayEquals(images.content().planar(), out.planar(), 1e-5f);
    }

    @Test
    void histogramModeRecoloursTheStyle() {
        StyleTransferConfig c = base.toBuilder().preserveColors(PreserveColors.HISTOGRAM).build();
        RunImages images = RunImages.prepare(c, 32);
        ColorMatching.Moments s = ColorMatching.Moments.of(images.styles().get(0));
        ColorMatching.Moments content = ColorMatching.Moments.of(images.content());
        for (int i = 0; i < 3; i++) {
            assertEquals(content.mean()[i], s.mean()[i], 1e-6);
            assertEquals(content.covariance()[i][i], s.covariance()[i][i], 1e-6);
        }
    }
}
