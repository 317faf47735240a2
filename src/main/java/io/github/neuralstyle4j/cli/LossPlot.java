package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.engine.Evaluation;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The loss curve of a run (JFreeChart, headless): style, content, total-variation and total loss per evaluation on
 * a log axis, the stages of a schedule one after the other. A log axis cannot show 0 (the content loss of the first
 * evaluation when starting from the content image), so non-positive values are left out of their series.
 */
final class LossPlot {

    static final int WIDTH = 800;
    static final int HEIGHT = 480;

    private LossPlot() {
    }

    static JFreeChart chart(List<Evaluation> losses) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("style", losses, Evaluation::style));
        data.addSeries(series("content", losses, Evaluation::content));
        data.addSeries(series("tv", losses, Evaluation::tv));
        data.addSeries(series("total", losses, Evaluation::total));
        LogAxis y = new LogAxis("loss (weighted)");
        y.setAutoRange(true);
        y.setTickUnit(new NumberTickUnit(1)); // one tick per decade: 10^-3, not 10^-2.5
        y.setNumberFormatOverride(new java.text.DecimalFormat("0.#E0"));
        NumberAxis x = new NumberAxis("evaluation");
        x.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, new XYLineAndShapeRenderer(true, false));
        return new JFreeChart("Losses per evaluation", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static XYSeries series(String name, List<Evaluation> losses, ToDoubleFunction<Evaluation> value) {
        XYSeries s = new XYSeries(name);
        for (int i = 0; i < losses.size(); i++) {
            double v = value.applyAsDouble(losses.get(i));
            if (v > 0 && Double.isFinite(v)) {
                s.add(i + 1, v);
            }
        }
        return s;
    }

    /** Written to a sibling and renamed, like every output. */
    static void write(List<Evaluation> losses, Path file) {
        System.setProperty("java.awt.headless", "true");
        Path target = file.toAbsolutePath();
        Path tmp = io.github.neuralstyle4j.image.AtomicFiles.temporarySibling(target);
        try {
            Files.createDirectories(target.getParent());
            ChartUtils.saveChartAsPNG(tmp.toFile(), chart(losses), WIDTH, HEIGHT);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the loss plot " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // already failed or already moved
            }
        }
    }
}
