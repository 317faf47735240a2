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

    /** Evaluations per image: config/default.json stopped after exactly this many, so the counts are known. */
    static final int EVALUATIONS = 4;

    /** config/default.json with its stop rule replaced by an exact evaluation budget. */
    static Path config(Path dir) throws Exception {
        String json = Files.readString(Path.of("config/default.json"));
        String tiny = json.replaceFirst("\"stop\": \\{[^}]*\\}",
                "\"stop\": { \"max_evaluations\": " + EVALUATIONS + " }");
        assertFalse(tiny.equals(json), "config/default.json has a stop rule to replace");
        return Files.writeString(dir.resolve("tiny.json"), tiny);
    }

    /** 32 px: the smallest the default config's five style layers take comfortably; about a second per image. */
    static int stylize(Path in, Path out, Path dir, StringWriter err) throws Exception {
        var cli = SparkMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        LocalSpark.session();
        return cli.execute("stylize", "--input", in.toString(), "--output-dir", out.toString(), "--master",
                LocalSpark.MASTER, "--config", config(dir).toString(), "--size", "32", "--partitions", "2");
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
        assertEquals(ExitCodes.BATCH, stylize(in, out, dir, err), err.toString());
        Map<String, Row> first = results(out);
        assertEquals(6, first.size());
        assertEquals("failed", status(first.get("broken.png")));
        assertTrue(first.get("broken.png").getString(first.get("broken.png").fieldIndex("error")).contains("broken.png"));
        for (int k = 0; k < 5; k++) {
            Row r = first.get("p" + k + ".png");
            assertEquals("ok", status(r), r.toString());
            assertEquals(EVALUATIONS, evaluations(r));
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
        assertEquals(ExitCodes.BATCH, stylize(in, out, dir, new StringWriter()));
        assertEquals(2, StylizeTask.runs() - runsBefore, "style transfers run in this JVM by the second job");
        Map<String, Row> second = results(out);
        int total = 0;
        for (int k = 0; k < 5; k++) {
            Row r = second.get("p" + k + ".png");
            total += evaluations(r);
            if (k < 2) {
                assertEquals("ok", status(r));
                assertEquals(EVALUATIONS, evaluations(r));
                assertTrue(Files.isRegularFile(out.resolve("p" + k + ".png")));
            } else {
                assertEquals("skipped", status(r));
                assertEquals(0, evaluations(r));
                assertNull(r.get(r.fieldIndex("total_loss")));
                assertEquals(old, Files.getLastModifiedTime(out.resolve("p" + k + ".png")));
            }
        }
        assertEquals(2 * EVALUATIONS, total, "the second run's evaluations: the two deleted outputs' only");
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
        assertEquals(ExitCodes.IO, stylize(in, out, dir, err));
        assertTrue(err.toString().contains("a.jpg and ") && err.toString().contains("a.png"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), "one line: " + err);
        assertFalse(Files.exists(out));
        assertEquals(runsBefore, StylizeTask.runs());
    }

    @Test
    void theOutputFolderCannotBeTheInputFolder(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        LocalSpark.picture(in.resolve("a.jpg"), 1, 40, 40);
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.IO, stylize(in, in, dir, err));
        assertTrue(err.toString().contains("is the folder of the input"), err.toString());
        List<Path> left;
        try (Stream<Path> files = Files.list(in)) {
            left = files.toList();
        }
        assertEquals(List.of(in.resolve("a.jpg")), left);
    }
}
