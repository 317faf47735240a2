package io.github.neuralstyle4j.fuzz;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneException;
import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.image.ImageException;
import io.github.neuralstyle4j.image.ImageLoading;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Random and mutated bytes fed to the three parsers of user input: the config, the image decoders and the ONNX
 * loader. Each input must be accepted or refused with the parser's own one-line exception, within a few seconds
 * (a hang fails the timeout), and leave no file behind. Seeds are valid inputs, so most mutations stay deep in
 * the parsers rather than failing at the first byte. Sized to run in well under a minute together.
 */
class InputFuzzTest {

    /** Far above any honest parse of these few-KB inputs, even on a loaded machine; an endless loop exceeds it. */
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static final String CONFIG = """
            {"backbone": "onnx/vgg19-random",
             "content": {"image": "builtin:landscape", "weight": 1, "layers": {"conv_4": 1}},
             "style": {"images": ["builtin:brushstrokes"], "weight": 1e6, "layers": {"conv_1": 1, "conv_2": 0.5}},
             "size": {"cpu": 128, "cuda": 512}, "steps": 300,
             "optimizer": {"name": "lbfgs", "learning_rate": 1, "max_iter": 20, "history_size": 100},
             "device": "cpu", "output": "stylized.png"}
            """;

    private static Path work;
    private static byte[] png;
    private static byte[] jpeg;
    private static byte[] onnx;

    @BeforeContainer
    static void seeds() throws IOException {
        work = Files.createTempDirectory("fuzz");
        BufferedImage image = new BufferedImage(12, 9, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 12; x++) {
                image.setRGB(x, y, x * 0x151515 ^ y * 0x0a3f10);
            }
        }
        png = encode(image, "png");
        jpeg = encode(image, "jpeg");
        onnx = Files.readAllBytes(Path.of("src/test/resources/visualize/tiny.onnx"));
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 300)
    void configParsingAcceptsOrRefusesWithAConfigException(@ForAll("configs") byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        refusedOnlyWith(ConfigException.class, () -> ConfigLoader.parse(text, "fuzz.json"));
    }

    @Property(tries = 300)
    void imageDecodingAcceptsOrRefusesWithAnImageException(@ForAll("images") byte[] bytes) throws IOException {
        Path file = Files.write(work.resolve("input.img"), bytes);
        refusedOnlyWith(ImageException.class, () -> ImageLoading.read(file, 1_000_000));
        assertOnlyInputsIn(work, "input.img");
    }

    @Property(tries = 150)
    void onnxLoadingAcceptsOrRefusesWithABackboneException(@ForAll("models") byte[] bytes) throws IOException {
        Path folder = Files.createDirectories(work.resolve("backbone"));
        Files.write(folder.resolve("features.onnx"), bytes);
        Files.writeString(folder.resolve(Backbone.MANIFEST), "{\"name\": \"fuzz\", \"model\": \"features.onnx\","
                + " \"input\": \"image\", \"layers\": []}");
        refusedOnlyWith(BackboneException.class, () -> Backbone.open(folder));
        assertOnlyInputsIn(folder, "features.onnx", Backbone.MANIFEST);
    }

    @Provide
    Arbitrary<byte[]> configs() {
        return mutationsOf(CONFIG.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<byte[]> images() {
        return Arbitraries.oneOf(mutationsOf(png), mutationsOf(jpeg));
    }

    @Provide
    Arbitrary<byte[]> models() {
        return mutationsOf(onnx);
    }

    /** A quarter pure random bytes; the rest the seed with bytes overwritten, cut short, or a slice repeated. */
    private static Arbitrary<byte[]> mutationsOf(byte[] seed) {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2 * seed.length);
        Arbitrary<byte[]> flipped = Combinators.combine(
                Arbitraries.integers().between(0, seed.length - 1).list().ofMinSize(1).ofMaxSize(16),
                Arbitraries.bytes().list().ofSize(16)).as((positions, values) -> {
                    byte[] out = seed.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        out[positions.get(i)] = values.get(i);
                    }
                    return out;
                });
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, seed.length - 1)
                .map(n -> java.util.Arrays.copyOf(seed, n));
        Arbitrary<byte[]> repeated = Combinators.combine(Arbitraries.integers().between(0, seed.length - 1),
                Arbitraries.integers().between(1, 64)).as((at, n) -> {
                    int len = Math.min(n, seed.length - at);
                    byte[] out = new byte[seed.length + len];
                    System.arraycopy(seed, 0, out, 0, at + len);
                    System.arraycopy(seed, at, out, at + len, seed.length - at);
                    return out;
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, random), net.jqwik.api.Tuple.of(1, flipped),
                net.jqwik.api.Tuple.of(1, truncated), net.jqwik.api.Tuple.of(1, repeated));
    }

    private static void refusedOnlyWith(Class<? extends RuntimeException> expected, Runnable parse) {
        assertTimeoutPreemptively(LIMIT, () -> {
            try {
                parse.run();
            } catch (RuntimeException e) {
                if (!expected.isInstance(e)) {
                    throw new AssertionError("expected " + expected.getSimpleName() + " or success, got " + e, e);
                }
                if (e.getMessage() == null || e.getMessage().contains("\n")) {
                    throw new AssertionError("not a one-line message: " + e.getMessage(), e);
                }
            }
        });
    }

    private static void assertOnlyInputsIn(Path folder, String... inputs) {
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(inputs).stream().sorted().toList(),
                    files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("backbone")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
