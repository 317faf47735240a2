package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.cli.ExitCodes;
import io.github.neuralstyle4j.cli.Main;
import io.github.neuralstyle4j.engine.ExecutionOptions;
import io.github.neuralstyle4j.engine.OrtRuntime;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.search.Descriptor;
import io.github.neuralstyle4j.search.ImageDescriber;
import io.github.neuralstyle4j.search.ImageIndex;
import io.github.neuralstyle4j.search.SearchTestImages;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code spark features} -> Parquet -> {@code spark index} -> {@code search query}: a cropped copy finds its original. */
class FeaturesIndexTest {

    static final int SIZE = 64;

    static int run(StringWriter out, String... args) {
        var cli = SparkMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        LocalSpark.session();
        return cli.execute(args);
    }

    /** The central 70 % of a picture, written as a new file (a different size and framing than the original). */
    static Path cropped(Path original, Path to) throws Exception {
        BufferedImage img = ImageIO.read(original.toFile());
        int w = img.getWidth() * 7 / 10;
        int h = img.getHeight() * 7 / 10;
        ImageIO.write(img.getSubimage((img.getWidth() - w) / 2, (img.getHeight() - h) / 2, w, h), "png", to.toFile());
        return to;
    }

    @Test
    void featuresToParquetToIndex_thenACroppedImageFindsItsOriginalFirst(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        List<Path> images = new ArrayList<>(SearchTestImages.write(in));
        images.add(LocalSpark.picture(in.resolve("disc1.png"), 1, 64, 48));
        images.add(LocalSpark.picture(in.resolve("disc4.png"), 4, 64, 48));
        String parquet = dir.resolve("features.parquet").toString();
        StringWriter log = new StringWriter();
        assertEquals(ExitCodes.OK, run(log, "features", "--master", LocalSpark.MASTER, "--input", in.toString(),
                "--output", parquet, "--size", "" + SIZE, "--partitions", "2"), log.toString());

        List<Row> rows = LocalSpark.session().read().parquet(parquet).orderBy("path").collectAsList();
        assertEquals(images.size(), rows.size());
        Path model = BackboneLocator.resolve("onnx/vgg19-random", m -> { }).resolve("features.onnx");
        // the backbone's hash computed here, not by the code under test
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
        Backbone backbone = Backbone.open(model.getParent());
        try (ImageDescriber direct = new ImageDescriber(new OrtRuntime(ExecutionOptions.cpu()), backbone, "pool5",
                Descriptor.CONTENT, SIZE)) {
            for (Row r : rows) {
                Path file = Path.of(r.getString(r.fieldIndex("path")));
                assertTrue(images.contains(file), file.toString());
                assertNull(r.get(r.fieldIndex("error")));
                assertEquals(Files.size(file), r.getLong(r.fieldIndex("size")));
                assertEquals(Files.getLastModifiedTime(file).toMillis(), r.getLong(r.fieldIndex("mtime")));
                assertEquals(sha, r.getString(r.fieldIndex("backbone_sha256")));
                assertEquals("pool5", r.getString(r.fieldIndex("layer")));
                assertEquals("content", r.getString(r.fieldIndex("descriptor")));
                float[] v = FeatureRow.floats(r.getList(r.fieldIndex("vector")));
                float[] expected = direct.describe(ImageLoading.load(file.toString()));
                assertEquals(512, v.length);
                // the same describer code on the same pixels; only ONNX Runtime's thread split (2 threads in the job,
                // all cores here) can reorder float sums, a few ulps of unit-vector entries: 1e-5 leaves room
                for (int i = 0; i < v.length; i++) {
                    assertEquals(expected[i], v[i], 1e-5, file + " entry " + i);
                }
            }
        }

        Path index = dir.resolve("index");
        assertEquals(ExitCodes.OK, run(log, "index", "--master", LocalSpark.MASTER, "--from-parquet", parquet,
                "--index", index.toString()), log.toString());
        // one query through the core's `search query` (it reads the settings the Parquet gave the index) ...
        Path first = cropped(images.get(0), dir.resolve("query-0.png"));
        StringWriter out = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertEquals(ExitCodes.OK, cli.execute("search", "query", "--index", index.toString(), "--top", "1",
                first.toString()));
        assertEquals(images.get(0).toString(), out.toString().strip().split("\t")[2], out.toString());
        // ... and every picture's crop through the index directly (one describer instead of one per command)
        try (ImageDescriber direct = new ImageDescriber(new OrtRuntime(ExecutionOptions.cpu()), backbone, "pool5",
                Descriptor.CONTENT, SIZE)) {
            for (Path original : images) {
                Path query = cropped(original, dir.resolve("query-" + original.getFileName()));
                List<ImageIndex.Hit> top = ImageIndex.query(index, direct.describe(ImageLoading.load(query.toString())),
                        1);
                assertEquals(original.toString(), top.get(0).path(), "top-1 for the crop of " + original.getFileName());
            }
        }
    }
}
