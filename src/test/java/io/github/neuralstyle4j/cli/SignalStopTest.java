package io.github.neuralstyle4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code neuralstyle stylize} process, signalled mid-run, writes its best image and report before it exits.
 * The run is tiny (24 px) with a budget it cannot finish, and the signal is sent after evaluation 50, so it always
 * lands during the optimisation.
 */
class SignalStopTest {

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aSignalWritesTheBestImageSoFarAndTheReport(String signal, int exitCode, @TempDir Path dir) throws Exception {
        // a job started in the background by a non-interactive shell (nohup, `cmd &`) inherits SIGINT ignored, and the
        // JVM rightly keeps an ignored signal ignored: the child could not receive it, so the case cannot be run here
        Assumptions.assumeFalse(signal.equals("INT") && sigintIgnored(),
                "SIGINT is ignored in this process tree (started as a background job)");
        Path output = dir.resolve("out.png");
        Path report = dir.resolve("report.json");
        Process p = new ProcessBuilder(javaCommand(dir, "stylize", "--config", "config/seed.json", "--size", "24",
                "--steps", "1000000", "--threads", "1", "--output", output.toString(), "--report", report.toString()))
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        // not closed here: the drain thread owns the stream once the signal is sent, and it ends with the process
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            // the seed's progress line after evaluation 50: the optimisation is under way
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("run [50]"));
            if (line == null) { // the stream ended: the process is gone
                throw new AssertionError("the process ended before evaluation 50 (exit " + p.waitFor() + "): "
                        + Files.readString(dir.resolve("stderr.txt")));
            }
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            drain(out);
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the process did not exit within 90 s of SIG" + signal);
        } finally {
            p.destroyForcibly(); // a no-op once it exited; never leave a million-step run behind a failed test
        }
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(exitCode, p.exitValue(), stderr);
        assertTrue(stderr.contains("neuralstyle: stopped by SIG" + signal + " after evaluation ") && stderr.contains("wrote the best image so far"),
                stderr);
        assertEquals(32, ImageIO.read(output.toFile()).getWidth()); // 512×384 → 24 high, int(24·512/384) = 32 wide
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertTrue(json.get("stopped").asText().startsWith("stopped by SIG" + signal), json.toString());
        assertTrue(json.get("evaluations").asInt() >= 50, json.toString());
        assertEquals(json.get("evaluations").asInt(), json.get("losses").size());
        // the image is the best evaluation so far: its total is the smallest in the recorded losses
        double best = Double.MAX_VALUE;
        for (JsonNode l : json.get("losses")) {
            best = Math.min(best, l.get("total").asDouble());
        }
        assertEquals(best, json.get("final").get("total").asDouble(), 0.0);
        try (var leftovers = Files.list(dir)) {
            assertTrue(leftovers.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    /**
     * Two signals in quick succession: the second ends the process at once (Runtime.halt: no shutdown hooks, no
     * native teardown under the running evaluation) with 143, and no JVM crash report is left in the working folder.
     */
    @org.junit.jupiter.api.Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aSecondSignalEndsTheProcessAtOnce(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder(javaCommand(dir, "stylize", "--config",
                Path.of("config/default.json").toAbsolutePath().toString(), "--size", "24", "--steps", "1000000",
                "--threads", "1", "--output", dir.resolve("out.png").toString()))
                .directory(dir.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        // not closed here: the drain thread owns the stream once the signal is sent, and it ends with the process
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("run [50]"));
            if (line == null) {
                throw new AssertionError("the process ended before evaluation 50 (exit " + p.waitFor() + "): "
                        + Files.readString(dir.resolve("stderr.txt")));
            }
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            drain(out);
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the process did not exit within 90 s of two SIGTERMs");
        } finally {
            p.destroyForcibly();
        }
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(143, p.exitValue(), stderr);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err")), "no JVM crash report");
        }
    }

    /**
     * Reads the rest of the child's output on a daemon thread, so that a full pipe never blocks it and a child that
     * ignores the signal fails the wait above instead of hanging this test in a read.
     */
    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // the child is gone
            }
        }, "child-output-drain");
        t.setDaemon(true);
        t.start();
    }

    /** Whether this JVM (and so every child it starts) has SIGINT (2) ignored: bit 1 of /proc/self/status's SigIgn. */
    static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    private static List<String> javaCommand(Path dir, String... args) throws IOException {
        return ChildJvm.command(dir, args);
    }
}
