package io.github.neuralstyle4j.regress;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.config.InitImage;
import io.github.neuralstyle4j.config.StyleImage;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.image.BuiltinImages;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.RgbImage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A case folder: {@code config.json} (image paths relative to the folder), the images at the run size, and the
 * PyTorch reference ({@code reference.json}, {@code gradient.f32}, {@code final.png}).
 *
 * @param directory the case folder
 * @param config    the run, with its image paths resolved against the folder
 * @param reference the PyTorch run
 */
public record RegressionCase(Path directory, StyleTransferConfig config, Reference reference) {

    public static final String CONFIG = "config.json";
    public static final String REFERENCE = "reference.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a case folder; the config is validated as {@code stylize} would. */
    public static RegressionCase load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new RegressionException("case folder not found: " + directory);
        }
        StyleTransferConfig config = ConfigLoader.load(directory.resolve(CONFIG));
        config = config.withContentImage(resolve(directory, config.content().image()));
        config = config.toBuilder().style(config.style().withStyleImages(config.style().images().stream()
                .map(s -> new StyleImage(resolve(directory, s.image()), s.weight())).toList())).build();
        if (config.init().kind() == InitImage.Kind.IMAGE) {
            config = config.toBuilder().init(InitImage.ofImage(resolve(directory, config.init().image()))).build();
        }
        Path referenceFile = directory.resolve(REFERENCE);
        Reference reference;
        try {
            reference = JSON.readValue(referenceFile.toFile(), Reference.class);
        } catch (IOException e) {
            throw new RegressionException(referenceFile + ": " + (Files.exists(referenceFile)
                    ? "not a reference: " + e.getMessage() : "missing; make it with tools/make_reference.py"), e);
        }
        if (reference.backboneSha256() == null || reference.gradient() == null || reference.finalImage() == null
                || reference.losses().size() != reference.evaluations()) {
            throw new RegressionException(referenceFile + ": incomplete reference (backbone_sha256, gradient, "
                    + "final_image and one loss entry per evaluation are required)");
        }
        List<Integer> shape = reference.gradient().shape();
        if (!shape.equals(List.of(1, 3, reference.height(), reference.width()))) {
            throw new RegressionException(referenceFile + ": gradient shape " + shape + " is not [1, 3, "
                    + reference.height() + ", " + reference.width() + "]");
        }
        return new RegressionCase(directory, config, reference);
    }

    /** The case's name: its folder's name. */
    public String name() {
        return directory.getFileName().toString();
    }

    /** The reference dL/dx at the start point, in CHW order. */
    public float[] referenceGradient() {
        return readGradient(reference.gradient());
    }

    /** The float64 run's dL/dx at the start point (stored as float32), or null when the reference has no such run. */
    public float[] referenceGradientFloat64() {
        Reference.Float64 f = reference.float64();
        return f == null || f.gradient() == null ? null : readGradient(f.gradient());
    }

    private float[] readGradient(Reference.GradientFile gradient) {
        Path file = directory.resolve(gradient.file());
        long n = gradient.length();
        if (!gradient.shape().equals(reference.gradient().shape())) {
            throw new RegressionException(file + ": shape " + gradient.shape() + " differs from "
                    + reference.gradient().shape());
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != n * Float.BYTES) {
                throw new RegressionException(file + ": " + bytes.length + " bytes, expected " + n * Float.BYTES
                        + " for float32 " + gradient.shape());
            }
            float[] g = new float[(int) n];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(g);
            return g;
        } catch (IOException e) {
            throw new RegressionException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The reference's final image. */
    public RgbImage referenceFinalImage() {
        return ImageLoading.read(directory.resolve(reference.finalImage()));
    }

    private static String resolve(Path directory, String image) {
        return BuiltinImages.isBuiltin(image) || Path.of(image).isAbsolute() ? image
                : directory.resolve(image).toString();
    }
}
