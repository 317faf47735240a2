package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.api.Result;
import io.github.neuralstyle4j.api.Tiling;
import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.engine.GramPlacement;
import io.github.neuralstyle4j.engine.TapSessions;
import io.github.neuralstyle4j.engine.NativeScope;
import io.github.neuralstyle4j.engine.PhaseTimes;
import io.github.neuralstyle4j.engine.RunImages;
import io.github.neuralstyle4j.engine.RunInterruptedException;
import io.github.neuralstyle4j.engine.RunResources;
import io.github.neuralstyle4j.engine.StyleTransferRun;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * One stage on tiles: the style targets once for the whole stage ({@link TiledGram}), then each tile optimised as a
 * run of its own (its crop of the content as content target, its crop of the start image as start) and written
 * into the canvas ({@link FeatherBlend}). Tiles finished by an earlier run come from the {@link TileStore}.
 */
final class TiledStage {

    private final Request request;
    private final TilePlan.StagePlan plan;
    private final int index;
    private final RunResources resources;
    private final RunTally tally;
    private final TileStore store;

    TiledStage(Request request, TilePlan.StagePlan plan, int index, RunResources resources, RunTally tally,
               TileStore store) {
        this.request = request;
        this.plan = plan;
        this.index = index;
        this.resources = resources;
        this.tally = tally;
        this.store = store;
    }

    /** @param previous the previous stage's image, or null for the request's start image */
    StageOutcome run(RgbImage previous) {
        TileLayout layout = plan.layout();
        RunImages images = RunImages.prepare(request, plan.size());
        RgbImage start = previous != null ? Resize.to(previous, plan.width(), plan.height())
                : images.toOutput(images.start());
        FeatherBlend canvas = new FeatherBlend(layout, request.tiling().feather(), start);
        Tally t = new Tally();
        List<TileLayout.Tile> todo = new ArrayList<>();
        for (TileLayout.Tile tile : layout.tiles()) {
            TileStore.Stored stored = store != null ? store.tile(index, tile.index()) : null;
            if (stored == null) {
                todo.add(tile);
                continue;
            }
            request.listener().onTile(index, tile.index(), layout.count(), true);
            canvas.add(tile, stored.image());
            t.finals.add(stored.result());
            t.evaluations += stored.evaluations();
        }
        if (todo.isEmpty()) {
            return t.outcome(canvas, null, null);
        }
        Backbone backbone = resources.backbone();
        List<String> layerTaps = request.styleLayers().keySet().stream().map(backbone::tensorFor).toList();
        Tiling.Target target = request.tiling().target();
        // after a coarser stage each tile keeps its region's character (see Tiling.Target.AUTO)
        boolean wholeImage = target == Tiling.Target.WHOLE_IMAGE || target == Tiling.Target.AUTO && previous != null;
        try (NativeScope scope = new NativeScope()) {
            List<INDArray> style = TiledGram.compute(resources, request, images.styles(), images.blendWeights(),
                    layout.tileWidth(), layout.tileHeight(), request.tiling().overlap(),
                    TilePlanner.alignment(backbone, request));
            style.forEach(scope::own);
            GramLedger ledger = wholeImage ? scope.own(new GramLedger(layout, layerTaps.stream().distinct().toList()))
                    : null;
            if (ledger != null) {
                ledger.measure(sessions(), images.toNetwork(start));
            }
            for (TileLayout.Tile tile : todo) {
                request.listener().onTile(index, tile.index(), layout.count(), false);
                StyleTransferRun.Outcome o;
                try (NativeScope tileScope = new NativeScope()) {
                    List<INDArray> targets = style;
                    if (ledger != null) {
                        targets = ledger.targets(tile, style, layerTaps);
                        targets.forEach(tileScope::own);
                    }
                    o = StyleTransferRun.run(tileRequest(Crop.of(images.content(), tile)),
                            Math.min(tile.width(), tile.height()), plan.evaluations(), resources, tally.listener(),
                            new StyleTransferRun.Start(Crop.of(start, tile), null, false, targets));
                } catch (RunInterruptedException e) {
                    StyleTransferRun.Outcome best = e.bestSoFar();
                    if (best == null && t.made.isEmpty() && t.finals.isEmpty()) {
                        throw e;
                    }
                    if (best != null) {
                        canvas.add(tile, best.image());
                        t.add(best);
                    }
                    return t.outcome(canvas, e.requested() ? Result.StoppedBy.REQUEST
                            : Result.StoppedBy.NON_FINITE_LOSS, e.getMessage());
                }
                canvas.add(tile, o.image());
                t.add(o);
                if (store != null) {
                    store.saveTile(index, tile.index(), new TileStore.Stored(o.image(), o.result(), o.evaluations()));
                }
                tally.snapshot(canvas.image());
            }
        }
        return t.outcome(canvas, null, null);
    }

    /** The sessions at the tile size, as the tiles' runs use them (host Grams). */
    private TapSessions sessions() {
        Backbone backbone = resources.backbone();
        return resources.sessions(request.pooling(), GramPlacement.HOST,
                request.contentLayers().keySet().stream().map(backbone::tensorFor).distinct().toList(),
                request.styleLayers().keySet().stream().map(backbone::tensorFor).distinct().toList(),
                plan.layout().tileHeight(), plan.layout().tileWidth());
    }

    /** What the stage's tiles made so far. */
    private static final class Tally {
        final List<Evaluation> made = new ArrayList<>();
        final List<Evaluation> finals = new ArrayList<>();
        int evaluations;
        double seconds;
        PhaseTimes times = new PhaseTimes();

        void add(StyleTransferRun.Outcome o) {
            made.addAll(o.losses());
            finals.add(o.result());
            evaluations += o.evaluations();
            seconds += o.seconds();
            times = times.plus(o.times());
        }

        StageOutcome outcome(FeatherBlend canvas, Result.StoppedBy stoppedBy, String message) {
            double style = finals.stream().mapToDouble(Evaluation::style).average().orElse(Double.NaN);
            double content = finals.stream().mapToDouble(Evaluation::content).average().orElse(Double.NaN);
            double tv = finals.stream().mapToDouble(Evaluation::tv).average().orElse(Double.NaN);
            return new StageOutcome(canvas.image(), new Evaluation(evaluations, style, content, tv), made,
                    evaluations, seconds, times, stoppedBy, message);
        }
    }

    /**
     * A tile as a run of its own: its crop of the content at its size (no resize), host Grams, no schedule, no
     * snapshots or resume state (the stage keeps those), and no style scale (the targets come from the stage).
     */
    private Request tileRequest(RgbImage content) {
        return request.toBuilder().content(content).size(Math.min(content.width(), content.height()))
                .schedule(List.of()).evaluations(plan.evaluations()).startFromContent().styleScale(null)
                .gramInGraph(false).snapshotEvery(0).keepResumeState(false).resumeFrom(null)
                .tiling(Tiling.OFF).build();
    }
}
