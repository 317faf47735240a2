package io.github.neuralstyle4j.config;

import io.github.neuralstyle4j.image.Resize;

/**
 * A centre crop of the content image to an aspect ratio, before it is sized: {@code 16:9} with a shorter side of 2160
 * gives exactly 3840×2160 whatever the photo's shape.
 *
 * @param width  the ratio's width (> 0)
 * @param height the ratio's height (> 0; width/height between 1/100 and 100)
 */
public record AspectCrop(double width, double height) {

    /** @throws IllegalArgumentException unless both parts are positive and the ratio within 1:100 and 100:1 */
    public AspectCrop {
        if (!(width > 0 && height > 0 && Double.isFinite(width) && Double.isFinite(height) && width / height < 100
                && height / width < 100)) {
            throw new IllegalArgumentException("an aspect ratio takes two positive numbers within 100:1, got "
                    + width + ":" + height);
        }
    }

    /**
     * {@code W:H}, e.g. {@code 16:9}.
     *
     * @throws ConfigException at {@code path} naming the valid form
     */
    public static AspectCrop parse(String text, String path) {
        String[] p = text.split(":");
        if (p.length == 2) {
            try {
                return new AspectCrop(Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip()));
            } catch (IllegalArgumentException invalid) {
                // reported below
            }
        }
        throw new ConfigException(null, path, "takes W:H (two positive numbers, e.g. 16:9), got \"" + text + "\"");
    }

    /** The largest centred region of {@code content} with this ratio (at least one pixel a side). */
    public Resize.Size of(Resize.Size content) {
        double ratio = width / height;
        int w = content.width();
        int h = content.height();
        if ((double) w / h > ratio) {
            w = (int) Math.round(h * ratio);
        } else {
            h = (int) Math.round(w / ratio);
        }
        return new Resize.Size(Math.max(1, w), Math.max(1, h));
    }
}
