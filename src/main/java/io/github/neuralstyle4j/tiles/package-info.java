/**
 * High-resolution runs: stages of a coarse-to-fine schedule too large for memory run on overlapping tiles
 * ({@link io.github.neuralstyle4j.tiles.TileLayout}) that all optimise toward the style Gram matrices of the whole
 * style image at the stage's scale ({@link io.github.neuralstyle4j.tiles.TiledGram}), each starting from the upscaled
 * previous stage and written into the stage's canvas with linear feathering over the overlaps
 * ({@link io.github.neuralstyle4j.tiles.FeatherBlend}). {@link io.github.neuralstyle4j.tiles.TilePlanner} decides
 * the plan from the memory estimate; {@link io.github.neuralstyle4j.tiles.TileStore} keeps finished stages and tiles
 * so a restarted run does not recompute them; {@link io.github.neuralstyle4j.tiles.SeamMetric} measures seams.
 */
package io.github.neuralstyle4j.tiles;
