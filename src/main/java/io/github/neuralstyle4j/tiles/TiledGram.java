package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.engine.GramPlacement;
import io.github.neuralstyle4j.engine.NativeScope;
import io.github.neuralstyle4j.engine.RunResources;
import io.github.neuralstyle4j.engine.TapSessions;
import io.github.neuralstyle4j.image.RgbImage;
import io.github.neuralstyle4j.losses.GramMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The style targets of a tiled stage: each style layer's Gram matrix of the <em>whole</em> style image at the
 * stage's scale (blended over the style images), computed tile by tile with the stage's tile size so that no
 * larger session is needed. G = F·Fᵀ / (C·N) is a sum over the N feature positions, so it splits exactly over a
 * partition of the positions: each tile contributes only the positions it owns ({@link TileLayout#ownedX}, the
 * middle of each overlap), mapped onto its feature grid, and the sums are divided by the total count. What differs
 * from one full-frame pass is only near the cuts, where a tile's features see its zero padding instead of the
 * neighbour's pixels; the overlap keeps the cuts away from the tile edges by half its width.
 */
public final class TiledGram {

    private TiledGram() {
    }

    /**
     * The blended target Gram of every style layer, in the request's layer order; the caller closes them.
     *
     * @param styles  the style images as the network sees them at the stage's scale
     * @param weights their blend weights, summing to 1
     */
    public static List<INDArray> compute(RunResources resources, Request request, List<RgbImage> styles,
                                         double[] weights, int tileWidth, int tileHeight, int overlap, int align) {
        Backbone backbone = resources.backbone();
        List<String> contentTaps = request.contentLayers().keySet().stream().map(backbone::tensorFor).distinct()
                .toList();
        List<String> layerTaps = request.styleLayers().keySet().stream().map(backbone::tensorFor).toList();
        List<String> styleTaps = layerTaps.stream().distinct().toList();
        Map<String, INDArray> blended = new LinkedHashMap<>();
        try (NativeScope scope = new NativeScope()) {
            for (int i = 0; i < styles.size(); i++) {
                RgbImage style = styles.get(i);
                TileLayout layout = TileLayout.ofTileSize(style.width(), style.height(),
                        Math.min(tileWidth, style.width()), Math.min(tileHeight, style.height()), overlap, align);
                TapSessions sessions = resources.sessions(request.pooling(), GramPlacement.HOST, contentTaps,
                        styleTaps, layout.tileHeight(), layout.tileWidth());
                Map<String, INDArray> sums = accumulate(sessions, layout, style, styleTaps);
                for (String tap : styleTaps) {
                    INDArray g = scope.own(sums.get(tap));
                    INDArray into = blended.get(tap);
                    if (into == null) {
                        blended.put(tap, scope.own(g.mul(weights[i])));
                    } else {
                        into.addi(g.muli(weights[i]));
                    }
                }
            }
            List<INDArray> targets = new ArrayList<>();
            for (String tap : layerTaps) {
                targets.add(blended.get(tap).dup());
            }
            return targets;
        }
    }

    /** Σ over tiles of F_own·F_ownᵀ / C, divided by the number of owned positions: the image's Gram per tap. */
    static Map<String, INDArray> accumulate(TapSessions sessions, TileLayout layout, RgbImage image,
                                            List<String> taps) {
        Map<String, INDArray> sums = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TileLayout.Tile tile : layout.tiles()) {
            Map<String, Long> n = new LinkedHashMap<>();
            Map<String, INDArray> own = ownedSums(sessions, layout, tile, image, taps, n);
            own.forEach((tap, sum) -> {
                INDArray into = sums.get(tap);
                if (into == null) {
                    sums.put(tap, sum);
                } else {
                    into.addi(sum);
                    sum.close();
                }
            });
            n.forEach((tap, k) -> counts.merge(tap, k, Long::sum));
        }
        sums.forEach((tap, sum) -> sum.divi(counts.get(tap)));
        return sums;
    }

    /**
     * One tile's Σ F·Fᵀ / C over the feature positions it owns, per tap (new arrays the caller closes), with the
     * number of those positions put in {@code counts}.
     *
     * @param image the whole image the tile is cut from, as the network sees it
     */
    static Map<String, INDArray> ownedSums(TapSessions sessions, TileLayout layout, TileLayout.Tile tile,
                                           RgbImage image, List<String> taps, Map<String, Long> counts) {
        Map<String, INDArray> sums = new LinkedHashMap<>();
        RgbImage crop = Crop.of(image, tile);
        try (INDArray x = Nd4j.create(crop.planar(), new long[] {1, 3, tile.height(), tile.width()},
                DataType.FLOAT); TapSessions.ForwardPass ignored = sessions.forward(x)) {
            for (String tap : taps) {
                long[] shape = sessions.graphs().shapes().get(tap);
                long c = shape[1];
                long fh = shape[2];
                long fw = shape[3];
                long[] ys = ownedOnGrid(layout.ownedY(tile), tile.y(), tile.height(), fh);
                long[] xs = ownedOnGrid(layout.ownedX(tile), tile.x(), tile.width(), fw);
                long n = Math.max(0, ys[1] - ys[0]) * Math.max(0, xs[1] - xs[0]);
                counts.put(tap, n);
                if (n == 0) {
                    sums.put(tap, Nd4j.create(DataType.FLOAT, c, c));
                    continue;
                }
                INDArray view = sessions.features(tap).reshape('c', c, fh, fw);
                // the copy is closed here, not left to the garbage collector: at 4K a tile's copies of its taps
                // are ~1.5 GB of native memory, which the heap's small size would let pile up
                try (INDArray owned = view.get(NDArrayIndex.all(), NDArrayIndex.interval(ys[0], ys[1]),
                        NDArrayIndex.interval(xs[0], xs[1])).dup('c')) {
                    INDArray gram = GramMatrix.of(owned.reshape('c', c, n));
                    sums.put(tap, gram.muli(n));   // G·n = F·Fᵀ/C: a sum over positions
                }
            }
        }
        return sums;
    }

    /** The owned range [start, end) of a tile, in its feature map of {@code features} positions. */
    static long[] ownedOnGrid(int[] owned, int origin, int side, long features) {
        double stride = (double) side / features;
        long start = Math.round((owned[0] - origin) / stride);
        long end = Math.min(features, Math.round((owned[1] - origin) / stride));
        return new long[] {Math.max(0, start), end};
    }
}
