package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.config.StyleTransferConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs of a hostile catalogue that used to hang, crash with a stack trace or be silently accepted. Each is refused
 * before any work with one line and its documented exit code. The timeouts run in a separate thread, so a
 * regression to a blocking {@code open()} fails the test instead of hanging the suite.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileInputsTest {

    private static final String CONFIG = "config/default.json";

    static Path fifo(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "mkfifo");
        return file;
    }

    /** The run's exit code, with one line on stderr that contains {@code says}. */
    private static CliTest.Run refused(int code, String says, String... args) {
        CliTest.Run r = CliTest.run(args);
        assertEquals(code, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(says), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        return r;
    }

    private static Path config(Path dir, String extra) throws IOException {
        String json = Files.readString(Path.of(CONFIG)).strip();
        json = json.substring(0, json.length() - 1) + ", " + extra + "}";
        return Files.writeString(dir.resolve("config.json"), json.replace("\"threads\": 0,", ""));
    }

    @Test
    void aFifoAsImageConfigOrModelIsRefusedNotWaitedOn(@TempDir Path dir) throws Exception {
        Path pipe = fifo(dir.resolve("pipe"));
        refused(ExitCodes.IMAGE, "FIFO", "stylize", "--config", CONFIG, "--content", pipe.toString(), "--output",
                dir.resolve("o.png").toString());
        refused(ExitCodes.IMAGE, "FIFO", "stylize", "--config", CONFIG, "--style", pipe.toString(), "--output",
                dir.resolve("o.png").toString(), "--size", "16", "--steps", "1");
        refused(ExitCodes.CONFIG, "FIFO", "stylize", "--config", pipe.toString());
        Path backbone = Files.createDirectories(dir.resolve("bb"));
        Files.copy(Path.of("onnx/vgg19-random/backbone.json"), backbone.resolve("backbone.json"));
        fifo(backbone.resolve("features.onnx"));
        refused(ExitCodes.BACKBONE, "FIFO", "backbone", "info", backbone.toString());
        refused(ExitCodes.BACKBONE, "FIFO", "backbone", "import", pipe.toString(), "--out",
                dir.resolve("imported").toString());
    }

    @Test
    void devicesAreNotReadAsFiles(@TempDir Path dir) {
        // /dev/zero as a config filled the heap for 20 s and ended in an internal error
        refused(ExitCodes.CONFIG, "character device", "stylize", "--config", "/dev/zero");
        refused(ExitCodes.BACKBONE, "character device", "backbone", "import", "/dev/urandom", "--out",
                dir.resolve("imported").toString());
        assertFalse(Files.exists(dir.resolve("imported")));
    }

    @Test
    void threadsAreBounded(@TempDir Path dir) throws Exception {
        int tooMany = StyleTransferConfig.maxThreads() + 1;
        refused(ExitCodes.CONFIG, "$.threads", "stylize", "--config", config(dir, "\"threads\": 100000").toString());
        refused(ExitCodes.USAGE, "--threads", "stylize", "--config", CONFIG, "--threads", Integer.toString(tooMany),
                "--output", dir.resolve("o.png").toString());
    }

    @Test
    void outOfRangeOptionsAreUsageErrorsNamingTheOption(@TempDir Path dir) {
        String out = dir.resolve("o.png").toString();
        refused(ExitCodes.USAGE, "--size", "stylize", "--config", CONFIG, "--size", "5", "--output", out);
        refused(ExitCodes.USAGE, "--steps", "stylize", "--config", CONFIG, "--steps", "0", "--output", out);
        refused(ExitCodes.USAGE, "--tv-weight", "stylize", "--config", CONFIG, "--tv-weight", "-1", "--output", out);
        refused(ExitCodes.USAGE, "--max-memory", "stylize", "--config", CONFIG, "--max-memory", "-5", "--output", out);
        refused(ExitCodes.USAGE, "--style-weights", "stylize", "--config", CONFIG, "--style-weights", "1,2",
                "--output", out);
        assertFalse(Files.exists(dir.resolve("o.png")));
    }

    @Test
    void aMissingCommandIsAUsageError() {
        CliTest.Run none = refused(ExitCodes.USAGE, "missing command", new String[0]);
        assertTrue(none.out().contains("stylize"), "the usage lists the commands: " + none.out());
        refused(ExitCodes.USAGE, "missing command", "backbone");
        refused(ExitCodes.USAGE, "missing command", "search");
    }

    @Test
    void schedulesMustGoFromCoarseToFine(@TempDir Path dir) throws Exception {
        refused(ExitCodes.CONFIG, "$.schedule", "stylize", "--config", config(dir, "\"schedule\": []").toString());
        refused(ExitCodes.CONFIG, "$.schedule[1].size", "stylize", "--config", config(dir,
                "\"schedule\": [{\"size\": 64, \"steps\": 5}, {\"size\": 32, \"steps\": 5}]").toString());
    }

    @Test
    void aManifestWithoutModelOrLayersSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        Path noModel = Files.createDirectories(dir.resolve("no-model"));
        Files.writeString(noModel.resolve("backbone.json"), "{\"name\": \"x\", \"input\": \"input\", \"layers\": "
                + "[{\"name\": \"conv1_1\", \"tensor\": \"t\"}]}");
        refused(ExitCodes.BACKBONE, "\"model\"", "backbone", "info", noModel.toString());
        Path noLayers = Files.createDirectories(dir.resolve("no-layers"));
        Files.writeString(noLayers.resolve("backbone.json"), "{\"name\": \"x\", \"model\": \"features.onnx\","
                + " \"input\": \"image\"}");
        Files.createSymbolicLink(noLayers.resolve("features.onnx"),
                Path.of("onnx/vgg19-random/features.onnx").toAbsolutePath());
        refused(ExitCodes.BACKBONE, "\"layers\"", "backbone", "info", noLayers.toString());
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("backbone.json"), "{\"name\": \"x\", \"model\": \"../../etc/passwd\","
                + " \"layers\": [{\"name\": \"a\", \"tensor\": \"t\"}]}");
        refused(ExitCodes.BACKBONE, "inside the backbone folder", "backbone", "info", outside.toString());
    }
}
