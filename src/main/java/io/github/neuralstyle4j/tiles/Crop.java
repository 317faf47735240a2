package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.image.Crops;
import io.github.neuralstyle4j.image.RgbImage;

/** A tile's rectangle cut out of a stage-sized image. */
final class Crop {

    private Crop() {
    }

    static RgbImage of(RgbImage image, TileLayout.Tile tile) {
        return Crops.of(image, tile.x(), tile.y(), tile.width(), tile.height());
    }
}
