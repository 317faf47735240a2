package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.api.Tiling;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code stylize}'s high-resolution options (docs/high-resolution.md): tiles, their folder, and a content crop. */
final class TileOptions {

    @Option(names = "--tiles", paramLabel = "auto|off|CxR", description = "run stages too large for the memory"
            + " limit on overlapping tiles (auto), never (off, the default), or the last stage on C×R tiles")
    String tiles;

    @Option(names = "--tile-overlap", paramLabel = "PX", description = "overlap of neighbouring tiles at the"
            + " stage's scale (default " + Tiling.DEFAULT_OVERLAP + ")")
    Integer overlap;

    @Option(names = "--tiles-dir", paramLabel = "DIR", description = "keep finished stages and tiles in DIR; the"
            + " same command run again skips them")
    Path folder;

    @Option(names = "--crop", paramLabel = "W:H", description = "centre-crop the content image to this aspect ratio"
            + " before sizing, e.g. 16:9 with --max-side 3840 for 3840×2160")
    String crop;

    /** @throws CommandLine.ParameterException naming the option when a value is invalid or out of place */
    void validate(CommandLine cli, boolean batch, boolean resume) {
        tiling(cli);
        aspect(cli);
        if ((tiles != null || crop != null || folder != null) && batch) {
            throw new CommandLine.ParameterException(cli, "--tiles, --tiles-dir and --crop are for a single run");
        }
        if (resume && tiles != null && !tiles.equals("off")) {
            throw new CommandLine.ParameterException(cli, "a tiled run continues from --tiles-dir, not --resume");
        }
        if (folder != null && (tiles == null || tiles.equals("off"))) {
            throw new CommandLine.ParameterException(cli, "--tiles-dir needs --tiles auto or CxR");
        }
    }

    /** The tiling the options ask for. */
    Tiling tiling(CommandLine cli) {
        Tiling t;
        if (tiles == null || tiles.equals("off")) {
            t = Tiling.OFF;
        } else if (tiles.equals("auto")) {
            t = Tiling.auto();
        } else {
            String[] grid = tiles.split("[xX]");
            try {
                t = Tiling.grid(Integer.parseInt(grid[0]), Integer.parseInt(grid[1]));
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(cli, "--tiles takes auto, off or CxR (e.g. 2x2), got "
                        + tiles);
            }
        }
        try {
            return t.withOverlap(overlap != null ? overlap : Tiling.DEFAULT_OVERLAP).withFolder(folder);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--tile-overlap: " + e.getMessage());
        }
    }

    /** {@code request} with the tiling and the crop. */
    Request apply(Request request, CommandLine cli) {
        Request.Builder b = request.toBuilder().tiling(tiling(cli));
        if (crop != null) {
            RgbImage content = request.content();
            if (content == null) {
                throw new CommandLine.ParameterException(cli, "--crop needs a content image, not a texture");
            }
            Resize.Size s = cropped(new Resize.Size(content.width(), content.height()), cli);
            b.content(io.github.neuralstyle4j.image.Crops.centre(content, s.width(), s.height()));
        }
        return b.build();
    }

    /** The content's size after the crop (the size itself without one). */
    Resize.Size cropped(Resize.Size content, CommandLine cli) {
        double[] a = aspect(cli);
        if (a == null) {
            return content;
        }
        double ratio = a[0] / a[1];
        int w = content.width();
        int h = content.height();
        if ((double) w / h > ratio) {
            w = (int) Math.round(h * ratio);
        } else {
            h = (int) Math.round(w / ratio);
        }
        return new Resize.Size(Math.max(1, w), Math.max(1, h));
    }

    private double[] aspect(CommandLine cli) {
        if (crop == null) {
            return null;
        }
        String[] p = crop.split(":");
        try {
            double w = Double.parseDouble(p[0]);
            double h = Double.parseDouble(p[1]);
            if (p.length == 2 && w > 0 && h > 0 && w / h < 100 && h / w < 100) {
                return new double[] {w, h};
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(cli, "--crop takes W:H (e.g. 16:9), got " + crop);
    }
}
