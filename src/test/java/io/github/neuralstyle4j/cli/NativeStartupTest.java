package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.backbone.OrtStartup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real process that starts ONNX Runtime ({@code backbone info} checks the model's opset with it) with a command
 * line past the ~4 KB where ORT's telemetry used to overflow the main thread's stack (exit 139, nothing printed),
 * and without leaving files behind.
 */
class NativeStartupTest {

    /** 20,000 characters: five times what crashed, a tenth of what the sized stack allows for. */
    private static final String LONG_OPTION = "-Dneuralstyle.test.padding=" + "x".repeat(20_000);

    record Exit(int code, String out, String err, long pid) {
    }

    private static Exit run(Path dir, Path tmp, Path home, String telemetry) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(dir, List.of(LONG_OPTION, "-Djava.io.tmpdir=" + tmp),
                "backbone", "info", Path.of("onnx/vgg19-random").toAbsolutePath().toString(), "--size", "32"))
                .directory(work.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove(OrtStartup.TELEMETRY_VARIABLE);
        if (telemetry != null) {
            pb.environment().put(OrtStartup.TELEMETRY_VARIABLE, telemetry);
        }
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("backbone info did not end in 120 s");
        }
        return new Exit(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")),
                p.pid());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aLongCommandLineStartsTheRuntimeAndLeavesNoFilesBehind(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path home = dir.resolve("no-such-home"); // unusable: telemetry's store then fell back to the working folder
        Exit e = run(dir, tmp, home, null);
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("pool5"), e.out());
        assertEquals(List.of(), list(tmp), "the runtime's unpacked libraries (onnxruntime-java*, jna*) are removed");
        assertEquals(List.of(), list(dir.resolve("work")), "nothing in the working folder (e.g. :memory:.ses)");
        assertFalse(Files.exists(home), "nothing under HOME (telemetry's device id and event store)");
        assertFalse(Files.exists(Path.of("/tmp/mat-debug-" + e.pid() + ".log")), "no telemetry debug log");
    }

    /** With telemetry turned on by the user, the command runs on a stack sized for its command line. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aLongCommandLineRunsWithTelemetryOn(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Exit e = run(dir, tmp, Files.createDirectories(dir.resolve("home")), "0");
        Files.deleteIfExists(Path.of("/tmp/mat-debug-" + e.pid() + ".log")); // the runtime's own, with telemetry on
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("pool5"), e.out());
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
