package io.github.neuralstyle4j.search;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.engine.ExecutionOptions;
import io.github.neuralstyle4j.engine.OrtRuntime;
import io.github.neuralstyle4j.engine.TapSessions;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Descriptors against features computed independently, and retrieval of transformed copies, on vgg19-random. */
class ImageSearchTest {

    static final int SIZE = 64;
    static Backbone backbone;
    static OrtRuntime runtime;

    @BeforeAll
    static void open() {
        backbone = Backbone.open(BackboneLocator.resolve("onnx/vgg19-random", m -> { }));
        runtime = new OrtRuntime(ExecutionOptions.cpu());
    }

    /** The layer's activations [C, H·W] through the style-transfer sessions (forward and gradient graphs). */
    static float[][] tapFeatures(String layer, RgbImage image) {
        String tensor = backbone.tensorFor(layer);
        try (TapSessions s = TapSessions.open(runtime, backbone.graph(), List.of(tensor), SIZE, SIZE);
             INDArray x = Nd4j.createFromArray(Resize.to(image, SIZE, SIZE).planar());
             TapSessions.ForwardPass ignored = s.forward(x)) {
            return s.features(tensor).toFloatMatrix();
        }
    }

    static double norm(float[] v) {
        double ss = 0;
        for (float x : v) {
            ss += (double) x * x;
        }
        return Math.sqrt(ss);
    }

    @Test
    void contentDescriptorIsTheUnitChannelMeanOfTheTap() {
        RgbImage image = ImageLoading.load("builtin:landscape");
        try (ImageDescriber d = new ImageDescriber(runtime, backbone, ImageDescriber.defaultLayer(backbone),
                Descriptor.CONTENT, SIZE)) {
            assertEquals("pool5", d.settings().layer());
            float[] v = d.describe(image);
            float[][] f = tapFeatures("pool5", image);
            assertEquals(f.length, v.length);
            double[] mean = new double[f.length];
            for (int c = 0; c < f.length; c++) {
                for (float x : f[c]) {
                    mean[c] += x / (double) f[c].length;
                }
            }
            double n = Math.sqrt(java.util.Arrays.stream(mean).map(m -> m * m).sum());
            for (int c = 0; c < f.length; c++) {
                assertEquals(mean[c] / n, v[c], 1e-5, "channel " + c);
            }
            assertEquals(1.0, norm(v), 1e-5);
        }
    }

    @Test
    void styleDescriptorIsTheUnitGramUpperTriangle() {
        RgbImage image = ImageLoading.load("builtin:brushstrokes");
        try (ImageDescriber d = new ImageDescriber(runtime, backbone, "relu1_1", Descriptor.STYLE, SIZE)) {
            float[] v = d.describe(image);
            float[][] f = tapFeatures("relu1_1", image);
            int c = f.length;
            assertEquals(c * (c + 1) / 2, v.length);
            double[] tri = new double[v.length];
            int k = 0;
            for (int i = 0; i < c; i++) {
                for (int j = i; j < c; j++) {
                    double dot = 0;
                    for (int p = 0; p < f[i].length; p++) {
                        dot += (double) f[i][p] * f[j][p];
                    }
                    tri[k++] = dot;   // the Gram's 1/(C·H·W) cancels in the normalisation
                }
            }
            double n = Math.sqrt(java.util.Arrays.stream(tri).map(t -> t * t).sum());
            for (int i = 0; i < v.length; i++) {
                assertEquals(tri[i] / n, v[i], 1e-5, "entry " + i);
            }
            assertEquals(1.0, norm(v), 1e-5);
        }
    }

    /** The central 80 % of an image, resized to another size and aspect. */
    static RgbImage cropped(RgbImage img) {
        int w = img.width();
        int h = img.height();
        int cw = w * 8 / 10;
        int ch = h * 8 / 10;
        int x0 = (w - cw) / 2;
        int y0 = (h - ch) / 2;
        float[] out = new float[3 * cw * ch];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < ch; y++) {
                System.arraycopy(img.planar(), (c * h + y0 + y) * w + x0, out, (c * ch + y) * cw, cw);
            }
        }
        return Resize.to(RgbImage.of(cw, ch, out), cw * 3 / 4 + 7, ch * 3 / 4);
    }

    @Test
    void aCroppedResizedCopyFindsItsOriginalFirst_andTheIndexSurvivesReopening(@TempDir Path dir) throws Exception {
        List<String> images = new ArrayList<>(List.of("builtin:landscape", "builtin:brushstrokes"));
        SearchTestImages.write(dir).forEach(p -> images.add(p.toString()));
        Path index = dir.resolve("index");
        try (ImageDescriber d = new ImageDescriber(runtime, backbone, "pool5", Descriptor.CONTENT, SIZE)) {
            try (ImageIndex idx = ImageIndex.openForWriting(index)) {
                idx.bind(d.settings());
                for (String s : images) {
                    idx.put(s, 0, 0, d.describe(ImageLoading.load(s)));
                }
                // re-adding replaces: still one entry per path
                idx.put(images.get(0), 0, 0, d.describe(ImageLoading.load(images.get(0))));
                assertEquals(images.size(), idx.count());
            }
            // reopened from disk: settings and vectors are there
            assertEquals(d.settings(), ImageIndex.settingsOf(index).orElseThrow());
            for (String s : images) {
                List<ImageIndex.Hit> hits = ImageIndex.query(index, d.describe(cropped(ImageLoading.load(s))), 3);
                assertEquals(s, hits.get(0).path(), "crop of " + s + " found " + hits);
                assertTrue(hits.get(0).cosine() > hits.get(1).cosine());
            }
            // remove: gone without a rebuild
            try (ImageIndex idx = ImageIndex.openForWriting(index)) {
                assertTrue(idx.remove(images.get(2)));
                assertFalse(idx.remove(images.get(2)));
                assertEquals(images.size() - 1, idx.count());
            }
            List<ImageIndex.Hit> all = ImageIndex.query(index, d.describe(ImageLoading.load(images.get(2))), 10);
            assertEquals(images.size() - 1, all.size());
            assertTrue(all.stream().noneMatch(h -> h.path().equals(images.get(2))));
        }
        // another layer, descriptor or size is refused by the stored settings
        try (ImageDescriber other = new ImageDescriber(runtime, backbone, "relu5_4", Descriptor.CONTENT, SIZE);
             ImageIndex idx = ImageIndex.openForWriting(index)) {
            SearchException e = assertThrows(SearchException.class, () -> idx.bind(other.settings()));
            assertTrue(e.getMessage().contains("layer relu5_4 instead of pool5"), e.getMessage());
        }
    }
}
