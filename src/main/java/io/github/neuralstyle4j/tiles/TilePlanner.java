package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.api.InsufficientMemoryException;
import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.api.SpatialControl;
import io.github.neuralstyle4j.api.Tiling;
import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.engine.MemoryEstimate;
import io.github.neuralstyle4j.image.Resize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides a run's {@link TilePlan} from the memory estimate ({@link MemoryEstimate}) and the limit (the request's,
 * or the memory available now): with {@link Tiling.Mode#AUTO} a stage runs full frame when its estimate fits and
 * otherwise on the fewest tiles that fit (squarest tiles first among grids of as many), and a stage that does not
 * fit even on the smallest tiles allowed is refused before anything is allocated.
 */
public final class TilePlanner {

    /** The most tiles along a side: beyond it the overlaps would be most of the work. */
    static final int MAX_TILES_PER_SIDE = 16;

    private TilePlanner() {
    }

    /**
     * The plan of {@code request} on {@code backbone} (whose layers the caller has checked).
     *
     * @throws InsufficientMemoryException if a stage cannot fit
     * @throws IllegalArgumentException    if a forced grid does not fit the image with its overlap
     */
    public static TilePlan plan(Backbone backbone, Request request) {
        boolean requested = request.memoryLimit() > 0;
        long limit = requested ? request.memoryLimit() : MemoryEstimate.availableBytes();
        Tiling tiling = request.tiling();
        if (tiling.mode() != Tiling.Mode.OFF && (!request.spatial().equals(SpatialControl.NONE)
                || request.imageTerm() != null)) {
            throw new IllegalArgumentException("tiles do not combine with masks, texture synthesis or an image term"
                    + " yet");
        }
        List<Request.Stage> stages = request.stages();
        int align = tiling.mode() == Tiling.Mode.OFF ? 1 : alignment(backbone, request);
        List<TilePlan.StagePlan> plans = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Request.Stage stage = stages.get(i);
            Resize.Size size = Resize.outputSize(request.canvasWidth(), request.canvasHeight(), stage.size());
            int w = size.width();
            int h = size.height();
            MemoryEstimate full = MemoryEstimate.forRequest(backbone, request, w, h, stage.evaluations());
            boolean forced = tiling.mode() == Tiling.Mode.GRID && i == stages.size() - 1;
            if (tiling.mode() == Tiling.Mode.OFF || !forced && full.total() <= limit) {
                plans.add(new TilePlan.StagePlan(stage.size(), w, h, stage.evaluations(), expected(request, stage),
                        null, full, 0));
            } else if (forced) {
                TilePlan.StagePlan p = tiled(backbone, request, stage, w, h,
                        layout(w, h, tiling.columns(), tiling.rows(), tiling.overlap(), align));
                if (p.peakBytes() > limit) {
                    throw refusal(p, limit, requested);
                }
                plans.add(p);
            } else {
                plans.add(smallestGridThatFits(backbone, request, stage, w, h, align, limit, requested));
            }
        }
        TilePlan plan = new TilePlan(plans, limit, requested);
        if (tiling.mode() == Tiling.Mode.OFF) {
            // as before tiles existed: a schedule peaks at its largest stage, which is the one refused
            TilePlan.StagePlan largest = plans.stream().max(Comparator.comparingInt(TilePlan.StagePlan::size))
                    .orElseThrow();
            if (largest.peakBytes() > limit) {
                throw new InsufficientMemoryException(largest.width(), largest.height(),
                        largest.estimate().describe(), limit, requested);
            }
        }
        return plan;
    }

    private static TilePlan.StagePlan smallestGridThatFits(Backbone backbone, Request request, Request.Stage stage,
                                                           int w, int h, int align, long limit, boolean requested) {
        TilePlan.StagePlan smallest = null;
        for (int[] grid : grids(w, h)) {
            TileLayout layout;
            try {
                layout = layout(w, h, grid[0], grid[1], request.tiling().overlap(), align);
            } catch (IllegalArgumentException tooSmall) {
                continue;
            }
            TilePlan.StagePlan p = tiled(backbone, request, stage, w, h, layout);
            if (p.peakBytes() <= limit) {
                return p;
            }
            if (smallest == null || p.peakBytes() < smallest.peakBytes()) {
                smallest = p;
            }
        }
        if (smallest == null) {
            MemoryEstimate full = MemoryEstimate.forRequest(backbone, request, w, h, stage.evaluations());
            throw new InsufficientMemoryException(w, h, full.describe() + "; and no grid of tiles holds an overlap"
                    + " of " + request.tiling().overlap() + " px", limit, requested);
        }
        throw refusal(smallest, limit, requested);
    }

    /** A grid whose tiles are at least {@link Request#MIN_SIZE} a side, or an IllegalArgumentException. */
    private static TileLayout layout(int w, int h, int columns, int rows, int overlap, int align) {
        TileLayout layout = TileLayout.of(w, h, columns, rows, overlap, align);
        if (Math.min(layout.tileWidth(), layout.tileHeight()) < Request.MIN_SIZE) {
            throw new IllegalArgumentException(columns + "×" + rows + " tiles of a " + w + "×" + h + " stage are"
                    + " smaller than " + Request.MIN_SIZE + " px");
        }
        return layout;
    }

    /** Every grid up to {@link #MAX_TILES_PER_SIDE} a side: fewest tiles first, then the squarest tiles. */
    static List<int[]> grids(int w, int h) {
        List<int[]> grids = new ArrayList<>();
        for (int c = 1; c <= MAX_TILES_PER_SIDE; c++) {
            for (int r = 1; r <= MAX_TILES_PER_SIDE; r++) {
                if (c * r > 1) {
                    grids.add(new int[] {c, r});
                }
            }
        }
        grids.sort(Comparator.<int[]>comparingInt(g -> g[0] * g[1])
                .thenComparingDouble(g -> Math.abs(Math.log((double) w / g[0] / ((double) h / g[1])))));
        return grids;
    }

    private static TilePlan.StagePlan tiled(Backbone backbone, Request request, Request.Stage stage, int w, int h,
                                            TileLayout layout) {
        MemoryEstimate tile = MemoryEstimate.forRequest(backbone, request, layout.tileWidth(), layout.tileHeight(),
                stage.evaluations());
        return new TilePlan.StagePlan(stage.size(), w, h, stage.evaluations(), expected(request, stage), layout,
                tile, canvasBytes(w, h, request.styles().size()));
    }

    /** The evaluations a stage's budget makes: the stop rule's exact count, or the optimiser's loop's. */
    private static int expected(Request request, Request.Stage stage) {
        return request.convergence().stopRule().hasBudget() ? request.convergence().stopRule().maxEvaluations()
                : request.optimizer().evaluationsFor(stage.evaluations());
    }

    /**
     * The heap a tiled stage holds: the stage-sized float images it keeps (the content, the style images at the
     * stage's scale, the start image, the canvas's sum and weights, the written image, a resize's 8-bit copies),
     * twice over, because G1 lets the heap grow past what is live: at 3840×2160 it committed 2.5 GB where these
     * images are 0.7 GB (GC log of the 4K run in docs/high-resolution.md; the tile's own estimate, above its
     * measured share, covers the rest).
     */
    static long canvasBytes(int w, int h, int styles) {
        return 2 * (6L + styles) * 3L * w * h * Float.BYTES;
    }

    private static InsufficientMemoryException refusal(TilePlan.StagePlan p, long limit, boolean requested) {
        return new InsufficientMemoryException(p.width(), p.height(), MemoryEstimate.human(p.peakBytes())
                + " on the smallest tiles tried (" + p.layout().describe() + "; one tile "
                + p.estimate().describe() + ")", limit, requested);
    }

    /**
     * The stride of the deepest tap (the image's pixels per feature-map pixel): tile sizes and most origins are
     * multiples of it, so tile borders fall on the feature grid.
     */
    static int alignment(Backbone backbone, Request request) {
        Set<String> taps = new LinkedHashSet<>();
        request.contentLayers().keySet().forEach(l -> taps.add(backbone.tensorFor(l)));
        request.styleLayers().keySet().forEach(l -> taps.add(backbone.tensorFor(l)));
        FeatureGraph graph = backbone.graph();
        int probe = 512;
        Map<String, long[]> shapes = graph.inferShapes(graph.nodesFor(taps), probe, probe);
        int align = 1;
        for (String tap : taps) {
            long[] s = shapes.get(tap);
            align = Math.max(align, (int) Math.max(1, probe / s[s.length - 1]));
        }
        return align;
    }
}
