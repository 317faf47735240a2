package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.api.Tiling;
import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.config.TileSpec;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code stylize}'s high-resolution options (docs/high-resolution.md): tiles, their folder, and a content crop. Each
 * replaces its config field ({@code tiles}, {@code content.crop}), so a config and the command line mean the same.
 */
final class TileOptions {

    @Option(names = "--tiles", paramLabel = "auto|off|CxR", description = "run stages too large for the memory"
            + " limit on overlapping tiles (auto), never (off, the default), or the last stage on C×R tiles"
            + " (config tiles.grid)")
    String tiles;

    @Option(names = "--tile-overlap", paramLabel = "PX", description = "overlap of neighbouring tiles at the"
            + " stage's scale (default " + Tiling.DEFAULT_OVERLAP + "; config tiles.overlap)")
    Integer overlap;

    @Option(names = "--tiles-dir", paramLabel = "DIR", description = "keep finished stages and tiles in DIR; the"
            + " same command run again skips them (config tiles.dir)")
    Path folder;

    @Option(names = "--crop", paramLabel = "W:H", description = "centre-crop the content image to this aspect ratio"
            + " before sizing, e.g. 16:9 with --max-side 3840 for 3840×2160 (config content.crop)")
    String crop;

    /**
     * {@code base} with these options in place of its {@code tiles} and {@code content.crop}.
     *
     * @throws CommandLine.ParameterException naming the option when a value is invalid
     */
    StyleTransferConfig applyTo(StyleTransferConfig base, CommandLine cli) {
        StyleTransferConfig c = base;
        if (crop != null) {
            try {
                c = c.toBuilder().content(c.content().withCrop(crop)).build();
            } catch (ConfigException e) {
                throw new CommandLine.ParameterException(cli, "--crop: " + e.problem());
            }
        }
        if (tiles != null || overlap != null || folder != null) {
            TileSpec t = c.tiles();
            String grid = tiles != null ? tiles : t.grid();
            try {
                c = c.toBuilder().tiles(new TileSpec(grid, overlap != null ? overlap : t.overlap(),
                        folder != null ? folder.toString() : t.dir())).build();
            } catch (ConfigException e) {
                throw new CommandLine.ParameterException(cli, option(e) + ": " + e.problem());
            }
        }
        return c;
    }

    /** Refuses tiles where they cannot work: a batch (one plan and folder per image) and a checkpoint resume. */
    static void check(StyleTransferConfig c, CommandLine cli, boolean batch, boolean resume) {
        if (c.tiles().isOff()) {
            return;
        }
        if (batch) {
            throw new CommandLine.ParameterException(cli, "tiles (--tiles, config tiles) are for a single run, not"
                    + " --content-dir");
        }
        if (resume) {
            throw new CommandLine.ParameterException(cli, "a tiled run continues from its tiles folder (--tiles-dir),"
                    + " not --resume");
        }
    }

    private static String option(ConfigException e) {
        String path = e.path().orElse("");
        return path.endsWith("overlap") ? "--tile-overlap" : path.endsWith("dir") ? "--tiles-dir" : "--tiles";
    }
}
