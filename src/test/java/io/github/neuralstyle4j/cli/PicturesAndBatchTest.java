package io.github.neuralstyle4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.RgbImage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loss plot, contact sheet, the schedule's report, and batch mode through the command line. */
class PicturesAndBatchTest {

    @Test
    void lossPlotHasALogAxisAndOneSeriesPerLoss() {
        JFreeChart chart = LossPlot.chart(List.of(new Evaluation(1, 2.0, 0.0, 0.25), new Evaluation(2, 1.0, 0.5, 0.125)));
        XYPlot plot = chart.getXYPlot();
        assertTrue(plot.getRangeAxis() instanceof LogAxis, plot.getRangeAxis().getClass().getName());
        assertEquals(4, plot.getDataset().getSeriesCount()); // style, content, tv, total
        // the content loss of 0 cannot sit on a log axis: left out, not drawn at some made-up floor
        assertEquals(2, plot.getDataset().getItemCount(0));
        assertEquals(1, plot.getDataset().getItemCount(1));
        assertEquals(0.125, plot.getDataset().getYValue(2, 1));
    }

    @Test
    void picturesAreWrittenBesideTheOutput(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("run.png");
        CliTest.Run r = CliTest.run("stylize", "--config", "config/pictures.json", "--size", "32", "--steps", "5",
                "--quiet", "--output", output.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage plot = ImageIO.read(dir.resolve("run_losses.png").toFile());
        assertNotNull(plot);
        assertEquals(LossPlot.WIDTH, plot.getWidth());
        assertEquals(LossPlot.HEIGHT, plot.getHeight());

        // content | style | result: each tile's mean colour is that of its image (a resize keeps the mean up to
        // resampling at the borders, well under 0.03), and content and style differ by more than that
        RgbImage sheet = ImageLoading.read(dir.resolve("run_sheet.png"));
        RgbImage content = ImageLoading.load("builtin:landscape");
        RgbImage style = ImageLoading.load("builtin:brushstrokes");
        RgbImage result = ImageLoading.read(output);
        RgbImage[] expected = {content, style, result};
        for (int t = 0; t < 3; t++) {
            float[] tile = tileMean(sheet, t, result.width(), result.height());
            float[] image = mean(expected[t]);
            for (int c = 0; c < 3; c++) {
                assertEquals(image[c], tile[c], 0.03, "tile " + t + " channel " + c);
            }
        }
        float[] a = mean(content);
        float[] b = mean(style);
        assertTrue(Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) > 0.1);
    }

    /** The mean of tile t of a search.ContactSheet (thumbnails of 128 px in 8 px gaps, centred). */
    private static float[] tileMean(RgbImage sheet, int t, int w, int h) {
        float scale = 128f / Math.max(w, h);
        int tw = Math.round(w * scale);
        int th = Math.round(h * scale);
        int x0 = 8 + t * (128 + 8) + (128 - tw) / 2;
        int y0 = 8 + (128 - th) / 2;
        float[] m = new float[3];
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int y = y0 + 1; y < y0 + th - 1; y++) {
                for (int x = x0 + 1; x < x0 + tw - 1; x++) {
                    sum += sheet.get(c, x, y);
                }
            }
            m[c] = (float) (sum / ((tw - 2) * (th - 2)));
        }
        return m;
    }

    private static float[] mean(RgbImage image) {
        float[] m = new float[3];
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    sum += image.get(c, x, y);
                }
            }
            m[c] = (float) (sum / (image.width() * image.height()));
        }
        return m;
    }

    @Test
    void scheduleReportHasOneEntryPerStage(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        CliTest.Run r = CliTest.run("stylize", "--config", "config/coarse-to-fine.json", "--size", "48", "--steps",
                "1", "--quiet", "--output", dir.resolve("o.png").toString(), "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        JsonNode stages = json.get("stages");
        // the config's 64 → 128 → 256 scaled so that the last stage is 48: 12 (raised to the minimum 16), 24, 48
        assertEquals(3, stages.size());
        assertEquals(16, stages.get(0).get("size").asInt());
        assertEquals(24, stages.get(1).get("size").asInt());
        assertEquals(48, stages.get(2).get("size").asInt());
        int sum = 0;
        for (JsonNode s : stages) {
            sum += s.get("evaluations").asInt();
            assertTrue(s.get("final").get("total").asDouble() > 0);
        }
        assertEquals(sum, json.get("evaluations").asInt());
        assertEquals(48, ImageIO.read(dir.resolve("o.png").toFile()).getHeight());
    }

    @Test
    void batchWritesOneOutputPerImageAndReportsFailures(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (String name : new String[] {"a.png", "b.png"}) {
            BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    img.setRGB(x, y, name.equals("a.png") ? (x * 6) << 16 | (y * 8) : (y * 8) << 8 | x * 6);
                }
            }
            ImageIO.write(img, "png", in.resolve(name).toFile());
        }
        Files.writeString(in.resolve("c_broken.png"), "not a png");
        Path out = dir.resolve("out");
        CliTest.Run r = CliTest.run("stylize", "--config", "config/seed.json", "--size", "16", "--steps", "1",
                "--quiet", "--content-dir", in.toString(), "--output-dir", out.toString());
        assertEquals(ExitCodes.BATCH, r.code(), r.err());
        assertEquals(16, ImageIO.read(out.resolve("a.png").toFile()).getHeight());
        assertEquals(16, ImageIO.read(out.resolve("b.png").toFile()).getHeight());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(3, summary.size());
        assertEquals("ok", summary.get(0).get("status").asText());
        assertEquals(21, summary.get(0).get("width").asInt());
        assertTrue(summary.get(1).get("evaluations").asInt() > 0);
        assertTrue(summary.get(2).get("status").asText().startsWith("failed: "), summary.get(2).toString());
        assertTrue(r.out().contains("c_broken.png"), r.out());
    }

    @Test
    void batchMaxSideIsEachImagesLongestSide(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", in.resolve("wide.png").toFile());
        ImageIO.write(new BufferedImage(30, 60, BufferedImage.TYPE_INT_RGB), "png", in.resolve("tall.png").toFile());
        Path out = dir.resolve("out");
        CliTest.Run r = CliTest.run("stylize", "--config", "config/seed.json", "--max-side", "32", "--steps", "1",
                "--quiet", "--content-dir", in.toString(), "--output-dir", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        // 40×30 → 32×24 and 30×60 → 16×32: each image's own longer side is 32 (was refused for a batch)
        BufferedImage wide = ImageIO.read(out.resolve("wide.png").toFile());
        BufferedImage tall = ImageIO.read(out.resolve("tall.png").toFile());
        assertEquals(List.of(32, 24), List.of(wide.getWidth(), wide.getHeight()));
        assertEquals(List.of(16, 32), List.of(tall.getWidth(), tall.getHeight()));
    }

    @Test
    void batchKeepsExistingOutputsUnlessOverwriteAndRefusesOneReportForManyRuns(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", in.resolve("a.png").toFile());
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("a.png"), "earlier work");

        CliTest.Run kept = CliTest.run("stylize", "--config", "config/seed.json", "--size", "16", "--steps", "1",
                "--quiet", "--content-dir", in.toString(), "--output-dir", out.toString());
        assertEquals(ExitCodes.IO, kept.code(), kept.err());
        assertTrue(kept.err().contains("--overwrite"), kept.err());
        assertEquals("earlier work", Files.readString(out.resolve("a.png")));
        assertTrue(Files.notExists(out.resolve("summary.json")), "no work, no summary");

        CliTest.Run report = CliTest.run("stylize", "--config", "config/seed.json", "--size", "16", "--steps", "1",
                "--quiet", "--content-dir", in.toString(), "--output-dir", out.toString(), "--overwrite",
                "--report", dir.resolve("r.json").toString());
        assertEquals(ExitCodes.USAGE, report.code(), report.err());
        assertEquals("earlier work", Files.readString(out.resolve("a.png")));

        CliTest.Run replaced = CliTest.run("stylize", "--config", "config/seed.json", "--size", "16", "--steps",
                "1", "--quiet", "--content-dir", in.toString(), "--output-dir", out.toString(), "--overwrite");
        assertEquals(ExitCodes.OK, replaced.code(), replaced.err());
        assertEquals(16, ImageIO.read(out.resolve("a.png").toFile()).getHeight());
    }
}
