package io.github.neuralstyle4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neuralstyle4j.backbone.BackboneLocator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java example, copied as it stands into a fresh folder, compiles against
 * {@code target/neuralstyle4j.jar} and the jars its manifest names in {@code target/lib/} (what a user of the
 * packaged library has; the pom builds both before the tests), runs in a child JVM and writes its image.
 */
class ReadmeExampleTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)\\n```");
    private static final Pattern CLASS_NAME = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)");
    /** A hang guard, not a speed check: the example runs a few evaluations at 48 px in seconds. */
    private static final long CHILD_LIMIT_MINUTES = 5;

    @Test
    void theReadmesJavaExampleCompilesRunsAndWritesAnImage(@TempDir Path dir) throws Exception {
        String source = onlyJavaBlock(Files.readString(Path.of("README.md")));
        Matcher name = CLASS_NAME.matcher(source);
        assertTrue(name.find(), "the example is a whole public class");
        Path file = dir.resolve(name.group(1) + ".java");
        Files.writeString(file, source);

        List<Path> classpath = packagedClasspath(Path.of("target/neuralstyle4j.jar"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(),
                "-cp", join(classpath), file.toString());
        assertEquals(0, compiled, "the README's example does not compile:\n" + diagnostics);

        // the example names the default backbone relative to where it runs, as from the project folder
        BackboneLocator.resolve("onnx/vgg19-random", message -> { });
        Path link = Files.createSymbolicLink(dir.resolve("onnx"), Path.of("onnx").toAbsolutePath());
        List<Path> runtime = new ArrayList<>(List.of(classes));
        runtime.addAll(classpath);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("output.txt");
        Process child = new ProcessBuilder(java.toString(), "-cp", join(runtime), name.group(1))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(child.waitFor(CHILD_LIMIT_MINUTES, TimeUnit.MINUTES), "the example did not finish");
        } finally {
            child.destroyForcibly();
            Files.delete(link); // only the link: the project's backbones stay
        }
        String output = Files.readString(log);
        assertEquals(0, child.exitValue(), "the example failed:\n" + output);

        Path written = dir.resolve("stylized.png");
        assertTrue(Files.isRegularFile(written), "no stylized.png; the example printed:\n" + output);
        BufferedImage image = ImageIO.read(written.toFile());
        // builtin:landscape is 512x384, so a shorter side of 48 makes it 64x48
        assertEquals(64, image.getWidth());
        assertEquals(48, image.getHeight());
        assertTrue(distinctColours(image) > 100, "a picture, not a flat or nearly flat image");
    }

    private static String onlyJavaBlock(String markdown) {
        Matcher block = JAVA_BLOCK.matcher(markdown);
        assertTrue(block.find(), "README.md has a ```java block");
        String source = block.group(1);
        assertTrue(!block.find(), "README.md has one ```java block, the example this test runs");
        return source;
    }

    /** The jar and the dependencies its manifest's Class-Path names, as {@code java -jar} would load them. */
    private static List<Path> packagedClasspath(Path jar) throws IOException {
        assertTrue(Files.isRegularFile(jar), jar + " is built before the tests (see the pom)");
        List<Path> classpath = new ArrayList<>(List.of(jar));
        try (JarFile packaged = new JarFile(jar.toFile())) {
            String entries = packaged.getManifest().getMainAttributes().getValue("Class-Path");
            for (String entry : entries.trim().split("\\s+")) {
                Path dependency = jar.toAbsolutePath().getParent().resolve(entry);
                assertTrue(Files.isRegularFile(dependency), "missing " + dependency);
                classpath.add(dependency);
            }
        }
        return classpath;
    }

    private static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(p -> p.toAbsolutePath().toString()).toList());
    }

    private static long distinctColours(BufferedImage image) {
        return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth())).distinct().count();
    }
}
