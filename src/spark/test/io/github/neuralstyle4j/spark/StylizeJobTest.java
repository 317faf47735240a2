package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.cli.ExitCodes;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code spark stylize} in local mode on tiny images: failures stay in their rows, and re-runs redo only what is missing. */
class StylizeJobTest {

    /** 32 px and 3 steps: the smallest run the default config's five style layers take; seconds per image here. */
    static final String[] RUN = {"--master", LocalSpark.MASTER, "--config", "config/default.json", "--size", "32",
            "--steps", "3", "--partitions", "2"};

    static int stylize(Path in, Path out, StringWriter err) {
        var cli = SparkMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        LocalSpark.session();
        String[] args = Stream.concat(Stream.of("stylize", "--input", in.toString(), "--output-dir", out.toString()),
                Stream.of(RUN)).toArray(String[]::new);
        return cli.execute(args);
    }

    static Map<String, Row> results(Path out) {
        Map<String, Row> byName = new HashMap<>();
        for (Row r : LocalSpark.session().read().parquet(out.resolve("_results/parquet").toString()).collectAsList()) {
            byName.put(Path.of(r.getString(r.fieldIndex("input"))).getFileName().toString(), r);
        }
        return byName;
    }

    static int evaluations(Row r) {
        return r.getInt(r.fieldIndex("evaluations"));
    }

    static String status(Row r) {
        return r.getString(r.fieldIndex("status"));
    }

    @Test
    void sixImagesOneBroken_thenARerunRedoesOnlyTheDeletedOutputs(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path out = dir.resolve("out");
        for (int k = 0; k < 5; k++) {
            LocalSpark.picture(in.resolve("p" + k + ".png"), k, 48, 40);
        }
        Files.write(in.resolve("broken.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});

        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.BATCH, stylize(in, out, err), err.toString());
        Map<String, Row> first = results(out);
        assertEquals(6, first.size());
        assertEquals("failed", status(first.get("broken.png")));
        assertTrue(first.get("broken.png").getString(first.get("broken.png").fieldIndex("error")).contains("broken.png"));
        for (int k = 0; k < 5; k++) {
            Row r = first.get("p" + k + ".png");
            assertEquals("ok", status(r), r.toString());
            assertTrue(evaluations(r) > 0);
            assertNotNull(r.getString(r.fieldIndex("executor")));
            BufferedImage img = ImageIO.read(out.resolve("p" + k + ".png").toFile());
            // 48x40 at a shorter side of 32: 38x32 (torchvision's rounding down of the longer side)
            assertEquals(32, img.getHeight());
            assertEquals(38, img.getWidth());
        }
        assertFalse(Files.exists(out.resolve("broken.png")));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(5, files.filter(p -> p.toString().endsWith(".png")).count(), "no temporary files left");
        }
        try (Stream<Path> json = Files.list(out.resolve("_results/json"))) {
            long lines = 0;
            for (Path part : json.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                lines += Files.readAllLines(part).size();
            }
            assertEquals(6, lines, "the JSON copy of the table");
        }

        // the three kept outputs must not be touched: an old time stamp shows any rewrite
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        for (int k = 2; k < 5; k++) {
            Files.setLastModifiedTime(out.resolve("p" + k + ".png"), old);
        }
        Files.delete(out.resolve("p0.png"));
        Files.delete(out.resolve("p1.png"));
        int runsBefore = StylizeTask.runs();
        assertEquals(ExitCodes.BATCH, stylize(in, out, new StringWriter()));
        assertEquals(2, StylizeTask.runs() - runsBefore, "style transfers run in this JVM by the second job");
        Map<String, Row> second = results(out);
        int total = 0;
        for (int k = 0; k < 5; k++) {
            Row r = second.get("p" + k + ".png");
            total += evaluations(r);
            if (k < 2) {
                assertEquals("ok", status(r));
                // same image, config and threads: the optimiser takes the same path
                assertEquals(evaluations(first.get("p" + k + ".png")), evaluations(r));
                assertTrue(Files.isRegularFile(out.resolve("p" + k + ".png")));
            } else {
                assertEquals("skipped", status(r));
                assertEquals(0, evaluations(r));
                assertNull(r.get(r.fieldIndex("total_loss")));
                assertEquals(old, Files.getLastModifiedTime(out.resolve("p" + k + ".png")));
            }
        }
        assertEquals(evaluations(first.get("p0.png")) + evaluations(first.get("p1.png")), total);
        assertEquals("failed", status(second.get("broken.png")));
    }

    @Test
    void inputsSharingAnOutputNameAreRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        LocalSpark.picture(in.resolve("a.png"), 1, 40, 40);
        LocalSpark.picture(in.resolve("b.png"), 2, 40, 40);
        Files.copy(in.resolve("a.png"), in.resolve("a.jpg"));
        Path out = dir.resolve("out");
        int runsBefore = StylizeTask.runs();
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.IO, stylize(in, out, err));
        assertTrue(err.toString().contains("a.jpg and ") && err.toString().contains("a.png"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), "one line: " + err);
        assertFalse(Files.exists(out));
        assertEquals(runsBefore, StylizeTask.runs());
    }

    @Test
    void theOutputFolderCannotBeTheInputFolder(@TempDir Path dir) throws Exception {
        LocalSpark.picture(dir.resolve("a.png"), 1, 40, 40);
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.IO, stylize(dir, dir, err));
        assertTrue(err.toString().contains("is the folder of the input"), err.toString());
        List<Path> left;
        try (Stream<Path> files = Files.list(dir)) {
            left = files.toList();
        }
        assertEquals(List.of(dir.resolve("a.png")), left);
    }
}
