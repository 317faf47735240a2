package io.github.neuralstyle4j.api;

import java.nio.file.Path;

/**
 * Whether and how stages run on overlapping tiles (docs/high-resolution.md). A tiled stage computes the style
 * targets (Gram matrices) once on the whole style image at the stage's scale, optimises each tile toward them with
 * its own crop of the content as the content target, starting from the previous stage's result upsampled, and
 * writes the tiles into the stage's image with linear feathering over the overlaps.
 *
 * @param mode     {@link Mode#OFF}, {@link Mode#AUTO} or {@link Mode#GRID}
 * @param columns  tiles across for {@link Mode#GRID} (else 0)
 * @param rows     tiles down for {@link Mode#GRID} (else 0)
 * @param overlap  the overlap of neighbouring tiles in pixels at the stage's scale (>= 8)
 * @param feather  blend the overlaps linearly (true); false cuts hard in the middle of each overlap, which only a
 *                 comparison of seams wants
 * @param folder   where finished stages and tiles are kept, so that a run restarted with the same request and plan
 *                 skips them; null for none
 * @param target   what each tile's style loss aims at
 */
public record Tiling(Mode mode, int columns, int rows, int overlap, boolean feather, Path folder, Target target) {

    /** The default overlap: five times the receptive field of the default config's deepest tap (conv_5, 24 px). */
    public static final int DEFAULT_OVERLAP = 128;

    /** No tiles: every stage full frame, a stage that does not fit is refused (the default). */
    public static final Tiling OFF = new Tiling(Mode.OFF, 0, 0, DEFAULT_OVERLAP, true, null, Target.AUTO);

    /** How stages are tiled. */
    public enum Mode {
        /** Every stage full frame. */
        OFF,
        /** A stage whose full-frame estimate exceeds the memory limit runs on the fewest tiles that fit. */
        AUTO,
        /** The last stage runs on the given grid; earlier stages as {@link #AUTO}. */
        GRID
    }

    /** What a tile's style loss aims at. */
    public enum Target {
        /**
         * {@link #WHOLE_IMAGE} for a stage that starts from a coarser stage's result, {@link #EACH_TILE} for one that
         * starts from the request's start image; the default, chosen by measurement (docs/high-resolution.md).
         */
        AUTO,
        /**
         * Each tile matches the style's Gram (of the whole style image at the stage's scale) on its own, as
         * neural-style-pt's tiling does. From the content image (one stage, 96 px, 2×2 tiles) its whole-image style
         * loss was the lower; after a coarser stage it recolours each tile on its own (a sky tile takes on the
         * whole painting's palette), which shows as tile-sized patches.
         */
        EACH_TILE,
        /**
         * Each tile aims at its own Gram at the stage's start moved by what the whole image's Gram lacks there, so
         * that tiles reaching their targets give the whole image the style's Gram while keeping where the start had
         * which colours and strokes. After a coarser stage it kept each quadrant's mean colour within 0.006–0.014
         * of the full-frame image's where each tile on its own moved it 0.034–0.084 (96 px to 4K); its whole-image
         * style loss was lower at 96 px and 480×270, higher at 4K (docs/high-resolution.md has the figures).
         */
        WHOLE_IMAGE
    }

    /** @throws IllegalArgumentException if a value is out of range */
    public Tiling {
        Validation.required(mode, "tiling mode");
        if (mode == Mode.GRID) {
            Validation.between(columns, 1, 64, "tile columns");
            Validation.between(rows, 1, 64, "tile rows");
        }
        Validation.atLeast(overlap, 8, "tile overlap");
        Validation.required(target, "tile style target");
    }

    /** Tiles where the memory limit needs them, overlapping by {@link #DEFAULT_OVERLAP}. */
    public static Tiling auto() {
        return new Tiling(Mode.AUTO, 0, 0, DEFAULT_OVERLAP, true, null, Target.AUTO);
    }

    /** The last stage on {@code columns}×{@code rows} tiles. */
    public static Tiling grid(int columns, int rows) {
        return new Tiling(Mode.GRID, columns, rows, DEFAULT_OVERLAP, true, null, Target.AUTO);
    }

    /** This tiling with another overlap. */
    public Tiling withOverlap(int pixels) {
        return new Tiling(mode, columns, rows, pixels, feather, folder, target);
    }

    /** This tiling with feathering on or off. */
    public Tiling withFeather(boolean on) {
        return new Tiling(mode, columns, rows, overlap, on, folder, target);
    }

    /** This tiling with another style target for the tiles. */
    public Tiling withTarget(Target t) {
        return new Tiling(mode, columns, rows, overlap, feather, folder, t);
    }

    /** This tiling keeping finished stages and tiles in {@code dir} (created when needed). */
    public Tiling withFolder(Path dir) {
        return new Tiling(mode, columns, rows, overlap, feather, dir, target);
    }
}
