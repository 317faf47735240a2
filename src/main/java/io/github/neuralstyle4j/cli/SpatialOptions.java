package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.config.ContentSpec;
import io.github.neuralstyle4j.config.StyleImage;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.image.Resize;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How {@code stylize}'s spatial options change a config: {@code --content none} with {@code --size WxH} (texture
 * synthesis), {@code --content-mask} and {@code --style-mask} (Gatys et al. 2017 §4).
 */
final class SpatialOptions {

    /** What {@code --style-mask} takes for a style image without mask. */
    static final String NO_MASK = "none";

    private SpatialOptions() {
    }

    /** {@code --size} as a number of pixels. */
    static int pixels(String size) {
        try {
            return Integer.parseInt(size.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(null, "$", "expected pixels (e.g. 256) or a texture's WxH (e.g. 256x192), got '"
                    + size + "'");
        }
    }

    /** {@code --size WxH} as a canvas, or null when it is a plain number. */
    static Resize.Size canvas(String size) {
        String s = size.strip().toLowerCase(Locale.ROOT).replace('×', 'x');
        int x = s.indexOf('x');
        if (x < 0) {
            pixels(size);  // refuses anything that is neither
            return null;
        }
        return new Resize.Size(pixels(s.substring(0, x)), pixels(s.substring(x + 1)));
    }

    /**
     * The config for {@code --content none} and {@code --size WxH}: a texture on that canvas, its shorter side the
     * run's size; either option alone where the other cannot be taken from the config is a usage error.
     */
    static StyleTransferConfig texture(CommandLine cli, StyleTransferConfig c, boolean noneGiven, Resize.Size canvas) {
        if (canvas == null) {
            if (noneGiven && !c.content().isTexture()) {
                throw new CommandLine.ParameterException(cli, "--content none (texture synthesis) needs the canvas"
                        + " as --size WxH, e.g. --size 256x256");
            }
            return c;
        }
        if (!noneGiven && !c.content().isTexture()) {
            throw new CommandLine.ParameterException(cli, "--size " + canvas.width() + "x" + canvas.height()
                    + " is a texture's canvas: add --content none, or give --size in pixels (the shorter side)");
        }
        try {
            return c.toBuilder().content(c.content().asTexture(canvas.width(), canvas.height())).build()
                    .withSize(Math.min(canvas.width(), canvas.height()));
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(cli, "--size: " + e.problem());
        }
    }

    /** The config with {@code --content-mask} and the {@code --style-mask}s, one per style image in order. */
    static StyleTransferConfig masks(CommandLine cli, StyleTransferConfig c, String contentMask,
                                     List<String> styleMasks) {
        if (contentMask != null) {
            if (c.content().isTexture()) {
                throw new CommandLine.ParameterException(cli, "--content-mask: a texture (--content none) has no"
                        + " content loss to mask");
            }
            c = c.toBuilder().content(c.content().withMask(contentMask)).build();
        }
        if (styleMasks == null || styleMasks.isEmpty()) {
            return c;
        }
        List<StyleImage> images = c.style().images();
        if (styleMasks.size() > images.size()) {
            throw new CommandLine.ParameterException(cli, styleMasks.size() + " --style-mask for " + images.size()
                    + " style image(s): give one per --style, in order (" + NO_MASK + " for none)");
        }
        List<StyleImage> masked = new ArrayList<>(images);
        for (int i = 0; i < styleMasks.size(); i++) {
            String m = styleMasks.get(i);
            masked.set(i, images.get(i).withMask(NO_MASK.equals(m) ? null : m));
        }
        return c.toBuilder().style(c.style().withStyleImages(masked)).build();
    }
}
