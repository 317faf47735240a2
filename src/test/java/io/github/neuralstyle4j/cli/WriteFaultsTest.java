package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.backbone.OrtStartup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A disk that fills up at the end of a run, simulated with a file size limit ({@code ulimit -f 8}: 8 KB, more than
 * the 20-evaluation report needs, less than the 85×64 PNG). The image write fails with exit 7 (not 4, a read
 * error's code), the report is still written, and no temporary file is left.
 */
class WriteFaultsTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aFailedImageWriteStillWritesTheReportAndExits7(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        // ONNX Runtime unpacks 28 MB of libraries at start-up, which the limit would stop: give it them unpacked
        Path natives = Files.createDirectories(dir.resolve("native"));
        for (String lib : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so")) {
            try (InputStream in = OrtStartup.class.getClassLoader()
                    .getResourceAsStream("ai/onnxruntime/native/linux-x64/" + lib)) {
                assumeTrue(in != null, "an x86-64 Linux build of ONNX Runtime");
                Files.copy(in, natives.resolve(lib));
            }
        }
        Path out = Files.createDirectories(dir.resolve("out"));
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", "ulimit -f 8 && exec \"$0\" \"$@\""));
        command.addAll(ChildJvm.command(dir, List.of("-Donnxruntime.native.path=" + natives), "stylize", "--config",
                "config/default.json", "--size", "64", "--steps", "1", "--quiet", "--output",
                out.resolve("o.png").toString(), "--report", out.resolve("r.json").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile());
        pb.environment().put(OrtStartup.TELEMETRY_VARIABLE, "1"); // JNA's own unpacking would hit the limit too
        Process p = pb.start();
        assertTrue(p.waitFor(150, TimeUnit.SECONDS), "the run ended");
        String log = Files.readString(dir.resolve("log.txt"));
        assertEquals(ExitCodes.IO, p.exitValue(), log);
        assertTrue(log.strip().lines().count() == 1 && log.contains("Cannot write image"), log);
        assertTrue(Files.readString(out.resolve("r.json")).contains("\"evaluations\" : "), "the report");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("r.json"), files.map(f -> f.getFileName().toString()).toList());
        }
        assertFalse(Files.exists(out.resolve("o.png")));
    }
}
