package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.engine.MemoryEstimate;
import io.github.neuralstyle4j.image.Resize;

import java.util.List;
import java.util.Locale;

/**
 * What a run will do, stage by stage, decided before anything is allocated: each stage's working size, whether it
 * runs full frame or on tiles, and its estimated peak memory against the limit.
 *
 * @param stages         the stages in order
 * @param limit          the memory limit in bytes
 * @param limitRequested true when the limit was the request's, false when it was the memory available
 */
public record TilePlan(List<StagePlan> stages, long limit, boolean limitRequested) {

    /**
     * One stage.
     *
     * @param size        the content's shorter side
     * @param width       the stage's width
     * @param height      its height
     * @param evaluations its budget (per tile when tiled), as the request's stage gives it
     * @param expected    the evaluations that budget makes (the optimiser's loop, or the stop rule's exact count)
     * @param layout      its tiles, or null when it runs full frame
     * @param estimate    the estimate of one run (the whole frame, or one tile)
     * @param canvasBytes the stage-sized images a tiled stage holds besides (0 full frame)
     */
    public record StagePlan(int size, int width, int height, int evaluations, int expected, TileLayout layout,
                            MemoryEstimate estimate, long canvasBytes) {

        /** Whether the stage runs on tiles. */
        public boolean tiled() {
            return layout != null;
        }

        /** The image size its sessions are opened at: the tile's on tiles, else the stage's. */
        public Resize.Size sessionSize() {
            return tiled() ? new Resize.Size(layout.tileWidth(), layout.tileHeight()) : new Resize.Size(width, height);
        }

        /** The estimated peak of the stage: one run's estimate plus the canvases. */
        public long peakBytes() {
            return estimate.total() + canvasBytes;
        }

        /** How many optimisation runs the stage makes: its tiles, or 1. */
        public int runs() {
            return tiled() ? layout.count() : 1;
        }
    }

    /** Copies the list. */
    public TilePlan {
        stages = List.copyOf(stages);
    }

    /** Whether any stage runs on tiles. */
    public boolean tiled() {
        return stages.stream().anyMatch(StagePlan::tiled);
    }

    /** The largest estimated peak over the stages. */
    public long peakBytes() {
        return stages.stream().mapToLong(StagePlan::peakBytes).max().orElse(0);
    }

    /**
     * The plan in words, one line per stage, e.g. {@code stage 2/2: 3840×2160 on 2×2 tiles of 1984×1152 px,
     * overlap ≥ 128 px, 10 evaluations per tile, estimated peak 11.2 GB}.
     */
    public String describe() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "plan: %d stage%s, memory limit %s (%s)%n",
                stages.size(), stages.size() == 1 ? "" : "s", MemoryEstimate.human(limit),
                limitRequested ? "requested" : "available now"));
        for (int i = 0; i < stages.size(); i++) {
            StagePlan s = stages.get(i);
            b.append(String.format(Locale.ROOT, "  stage %d/%d: %d×%d %s, %d evaluations%s, estimated peak %s%n",
                    i + 1, stages.size(), s.width(), s.height(),
                    s.tiled() ? "on " + s.layout().describe() : "full frame", s.expected(),
                    s.tiled() ? " per tile" : "", MemoryEstimate.human(s.peakBytes())));
        }
        return b.toString();
    }
}
