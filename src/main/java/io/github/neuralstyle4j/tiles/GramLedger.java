package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.engine.TapSessions;
import io.github.neuralstyle4j.image.RgbImage;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The style targets of {@link io.github.neuralstyle4j.api.Tiling.Target#WHOLE_IMAGE}: each tile's Gram at the
 * stage's start moved by what the whole image's Gram lacks. With S_s = Σ F·Fᵀ/C over the N_s feature positions tile
 * s owns (N in all), the start image's Gram is G = Σ_s S_s / N, and tile t aims at T_t = S_t/N_t + (A − G): if every
 * tile reaches its target, the whole image's Gram Σ_t (N_t/N)·T_t is exactly the style's A, while each tile keeps
 * its start's departure from the average (a sky tile stays a sky; a coarse stage's layout of the style survives).
 * And Σ_t (N_t/N)·‖G_t − T_t‖² ≥ ‖Σ_t (N_t/N)·G_t − A‖² (the square is convex), so the tiles' own losses bound the
 * whole image's.
 */
final class GramLedger implements AutoCloseable {

    private final TileLayout layout;
    private final List<String> taps;
    private final List<Map<String, INDArray>> sums = new ArrayList<>();
    private final List<Map<String, Long>> counts = new ArrayList<>();

    /** @param taps the distinct style taps */
    GramLedger(TileLayout layout, List<String> taps) {
        this.layout = layout;
        this.taps = List.copyOf(taps);
        for (int i = 0; i < layout.count(); i++) {
            sums.add(null);
            counts.add(new LinkedHashMap<>());
        }
    }

    /** Measures every tile's owned sums on {@code image} (the stage's start, as the network sees it). */
    void measure(TapSessions sessions, RgbImage image) {
        for (TileLayout.Tile t : layout.tiles()) {
            release(t.index());
            sums.set(t.index(), TiledGram.ownedSums(sessions, layout, t, image, taps, counts.get(t.index())));
        }
    }

    /**
     * T_t = S_t/N_t + (A − Σ_s S_s / N) for each style layer, given the style's Grams A (one per layer,
     * {@code layerTaps} naming each layer's tap); new arrays the caller closes.
     */
    List<INDArray> targets(TileLayout.Tile t, List<INDArray> style, List<String> layerTaps) {
        List<INDArray> out = new ArrayList<>();
        for (int k = 0; k < layerTaps.size(); k++) {
            String tap = layerTaps.get(k);
            long total = 0;
            for (Map<String, Long> c : counts) {
                total += c.get(tap);
            }
            INDArray target = style.get(k).dup();
            for (Map<String, INDArray> s : sums) {
                try (INDArray part = s.get(tap).div(total)) {
                    target.subi(part);
                }
            }
            try (INDArray own = sums.get(t.index()).get(tap).div(Math.max(1, counts.get(t.index()).get(tap)))) {
                target.addi(own);
            }
            out.add(target);
        }
        return out;
    }

    private void release(int tile) {
        Map<String, INDArray> old = sums.get(tile);
        if (old != null) {
            old.values().forEach(INDArray::close);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < sums.size(); i++) {
            release(i);
            sums.set(i, null);
        }
    }
}
