package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.api.OptimizerSpec;
import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.api.StyleTransfer;
import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.config.RequestMapper;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.RgbImage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks a tiled run's output the way docs/high-resolution.md reports it (tools/bench/tile_check.sh): the seam
 * ratio at each tile border against every other line of the image, and the whole-image style loss at a common
 * smaller size of the tiled result, the last full-frame stage (from the tiles folder) and the content.
 *
 * <p>Arguments: the config and the run's {@code --content}, {@code --style}, output and tiles folder, the last
 * stage's grid ({@code CxR}), its overlap and the common size (shorter side).
 */
public final class TiledOutputCheck {

    private TiledOutputCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 8) {
            System.err.println("usage: TiledOutputCheck CONFIG CONTENT STYLE OUTPUT TILES_DIR CxR OVERLAP SIZE");
            System.exit(2);
        }
        StyleTransferConfig cfg = ConfigLoader.load(Path.of(args[0])).withContentImage(args[1])
                .withStyleImages(List.of(args[2]));
        RgbImage output = ImageLoading.read(Path.of(args[3]));
        String[] grid = args[5].split("x");
        int overlap = Integer.parseInt(args[6]);
        int size = Integer.parseInt(args[7]);

        Backbone backbone = Backbone.open(BackboneLocator.resolve(cfg.backbone(), m -> { }));
        Request base = RequestMapper.toRequest(cfg, ImageLoading.DEFAULT_MAX_PIXELS);
        TileLayout layout = TileLayout.of(output.width(), output.height(), Integer.parseInt(grid[0]),
                Integer.parseInt(grid[1]), overlap, TilePlanner.alignment(backbone, base));
        SeamMetric seams = SeamMetric.of(output, layout);
        System.out.printf(Locale.ROOT, "tiles %s of %d×%d; seam ratio per border %s, mean %.2f%n", args[5],
                layout.tileWidth(), layout.tileHeight(), format(seams.lines()), seams.ratio());
        double[] others = SeamMetric.of(output, lines(output.width()), lines(output.height())).lines().stream()
                .mapToDouble(d -> d).sorted().toArray();
        System.out.printf(Locale.ROOT, "every column and row of the image: mean %.2f, 5-95 %% %.2f-%.2f%n",
                Arrays.stream(others).average().orElse(Double.NaN), others[(int) (0.05 * others.length)],
                others[(int) (0.95 * others.length)]);

        TileStore.Stored lastFull = null;
        Path folder = Path.of(args[4]);
        for (int stage = 0; ; stage++) {
            TileStore.Stored s = TileStore.peek(folder, stage);
            if (s == null) {
                break;
            }
            if (s.image().width() < output.width()) {
                lastFull = s;
            }
        }
        if (lastFull != null) {
            // the same lines in a picture without tiles: the start of the tiled stage (the last full-frame stage,
            // upsampled as the run upsamples it), so that what the content puts on a line is not taken for a seam
            RgbImage start = io.github.neuralstyle4j.image.Resize.to(lastFull.image(), output.width(), output.height());
            System.out.printf(Locale.ROOT, "the same lines in the tiled stage's start (no tiles): %s%n",
                    format(SeamMetric.of(start, layout).lines()));
        }
        try (StyleTransfer transfer = StyleTransfer.builder().backbone(backbone).threads(cfg.threads()).build()) {
            System.out.printf(Locale.ROOT, "whole-image style loss at shorter side %d:%n", size);
            System.out.printf(Locale.ROOT, "  tiled output %d×%d: %.6g%n", output.width(), output.height(),
                    styleLoss(transfer, base, output, size));
            if (lastFull != null) {
                System.out.printf(Locale.ROOT, "  last full-frame stage %d×%d: %.6g%n", lastFull.image().width(),
                        lastFull.image().height(), styleLoss(transfer, base, lastFull.image(), size));
            }
            System.out.printf(Locale.ROOT, "  content (the start): %.6g%n", styleLoss(transfer, base, base.content(),
                    size));
        }
    }

    /** The style loss of {@code image} as a run at {@code size} evaluates it first (Adam's first point is its start). */
    private static double styleLoss(StyleTransfer transfer, Request base, RgbImage image, int size) {
        return transfer.run(base.toBuilder().size(size).schedule(List.of()).tiling(io.github.neuralstyle4j.api.Tiling.OFF)
                .startFrom(image).optimizer(OptimizerSpec.Adam.defaults()).evaluations(1).build()).losses().get(0)
                .style();
    }

    /** Every line the metric can measure (its comparison lines lie inside the image). */
    private static List<Integer> lines(int extent) {
        List<Integer> lines = new ArrayList<>();
        for (int i = SeamMetric.FAR + 1; i < extent - SeamMetric.FAR - 1; i++) {
            lines.add(i);
        }
        return lines;
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList().toString();
    }
}
