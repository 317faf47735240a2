package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.config.StyleImage;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;
import io.github.neuralstyle4j.search.ContactSheet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The pictures written beside an output on request. */
final class Pictures {

    private Pictures() {
    }

    /** {@code out/NAME_what.png} for output {@code out/NAME.ext}. */
    static Path beside(Path output, String what) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return output.resolveSibling(stem + "_" + what + ".png");
    }

    /** content | style(s) | result, as the run saw them (inputs resized to the result's size), with captions. */
    static void contactSheet(StyleTransferConfig config, RgbImage result, Path file) {
        int w = result.width();
        int h = result.height();
        List<ContactSheet.Tile> tiles = new ArrayList<>();
        if (!config.content().isTexture()) {
            tiles.add(new ContactSheet.Tile(Resize.to(ImageLoading.load(config.content().image()), w, h), "content"));
        }
        List<StyleImage> styles = config.style().images();
        for (int i = 0; i < styles.size(); i++) {
            tiles.add(new ContactSheet.Tile(Resize.to(ImageLoading.load(styles.get(i).image()), w, h),
                    styles.size() == 1 ? "style" : "style " + (i + 1)));
        }
        tiles.add(new ContactSheet.Tile(result, "result"));
        ContactSheet.write(tiles, file);
    }
}
