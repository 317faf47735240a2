package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.neuralstyle4j.api.Tiling;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Overlapping tiles for the stages too large for the memory limit (docs/high-resolution.md).
 *
 * @param grid    {@code "off"} (the default), {@code "auto"} (each stage that does not fit full frame runs on the
 *                fewest tiles that fit), or {@code "CxR"}: the last stage on C columns × R rows of tiles
 * @param overlap the overlap of neighbouring tiles in pixels at the stage's scale (>= 8)
 * @param dir     where finished stages and tiles are kept, so the same run started again skips them; relative to
 *                the working folder; null for nowhere
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TileSpec(String grid, int overlap, String dir) {

    public static final TileSpec OFF = new TileSpec("off", Tiling.DEFAULT_OVERLAP, null);
    private static final Pattern GRID = Pattern.compile("(\\d{1,2})[xX](\\d{1,2})");

    public TileSpec {
        Checks.nonBlank(grid, "$.grid");
        tiling(grid, overlap); // validates both
        if (dir != null) {
            Checks.nonBlank(dir, "$.dir");
            if ("off".equals(grid)) {
                throw new ConfigException(null, "$.dir", "keeps tiles: only with grid \"auto\" or \"CxR\"");
            }
        }
    }

    /** Whether no stage runs on tiles. */
    @JsonIgnore
    public boolean isOff() {
        return "off".equals(grid);
    }

    /** These settings as the request's tiling. */
    public Tiling tiling() {
        Tiling t = tiling(grid, overlap);
        return dir != null ? t.withFolder(Path.of(dir)) : t;
    }

    private static Tiling tiling(String grid, int overlap) {
        Tiling t;
        if (grid.equals("off")) {
            t = Tiling.OFF;
        } else if (grid.equals("auto")) {
            t = Tiling.auto();
        } else {
            Matcher m = GRID.matcher(grid);
            if (!m.matches()) {
                throw new ConfigException(null, "$.grid", "must be \"off\", \"auto\" or \"CxR\" (e.g. \"2x2\"), got \""
                        + grid + "\"");
            }
            try {
                t = Tiling.grid(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(null, "$.grid", e.getMessage());
            }
        }
        try {
            return t.withOverlap(overlap);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(null, "$.overlap", e.getMessage());
        }
    }

    @JsonCreator
    static TileSpec fromJson(@JsonProperty("grid") String grid, @JsonProperty("overlap") Integer overlap,
                             @JsonProperty("dir") String dir) {
        return new TileSpec(grid != null ? grid : "auto", overlap != null ? overlap : Tiling.DEFAULT_OVERLAP, dir);
    }
}
