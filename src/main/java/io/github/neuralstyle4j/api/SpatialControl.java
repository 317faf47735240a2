package io.github.neuralstyle4j.api;

import io.github.neuralstyle4j.image.RgbImage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a {@link Request}'s loss terms apply (Gatys et al. 2017, "Controlling Perceptual Factors in Neural Style
 * Transfer", §4), and texture synthesis, the content-free case of the same paper family (Gatys et al. 2015).
 *
 * <p>A mask is a grey image (any size; in colour, its luma Y = 0.299 R + 0.587 G + 0.114 B) resized to the run's
 * working size: white applies the term, black leaves it out, grey weighs it. A style's mask restricts that style's
 * Gram loss to its region (the style image's own Gram, of the whole image, is the target there); the content mask
 * restricts the content loss likewise. {@link #texture} has no content image at all: the image is synthesised from
 * noise by the style loss alone.
 *
 * @param contentMask   the content loss's mask, or null for the whole image
 * @param styleMasks    per style image, in the request's order, its mask or null for the whole image; may be shorter
 *                      than the style list (the rest unmasked)
 * @param textureWidth  with {@code textureHeight}: the canvas of a texture (no content image), scaled like a content
 *                      image so that its shorter side is the run's size; 0 when there is a content image
 * @param textureHeight see {@code textureWidth}
 */
public record SpatialControl(RgbImage contentMask, List<RgbImage> styleMasks, int textureWidth, int textureHeight) {

    /** No masks, a content image: the seed's run. */
    public static final SpatialControl NONE = new SpatialControl(null, List.of(), 0, 0);

    /** @throws IllegalArgumentException if a texture size is out of range or a texture has a content mask */
    public SpatialControl {
        styleMasks = Collections.unmodifiableList(new ArrayList<>(Validation.required(styleMasks, "style masks")));
        if (textureWidth != 0 || textureHeight != 0) {
            Validation.between(textureWidth, Request.MIN_SIZE, Request.MAX_SIZE, "texture width");
            Validation.between(textureHeight, Request.MIN_SIZE, Request.MAX_SIZE, "texture height");
            if (contentMask != null) {
                throw new IllegalArgumentException("a texture has no content image, so no content mask");
            }
        }
    }

    /** Texture synthesis on a canvas of this shape: no content image, no content loss, a noise start. */
    public static SpatialControl texture(int width, int height) {
        return new SpatialControl(null, List.of(), width, height);
    }

    /** Whether this is texture synthesis (no content image). */
    public boolean isTexture() {
        return textureWidth > 0;
    }

    /** The mask of style image {@code index}, or null. */
    public RgbImage styleMask(int index) {
        return index < styleMasks.size() ? styleMasks.get(index) : null;
    }

    /** Whether any style image has a mask. */
    public boolean masksStyles() {
        return styleMasks.stream().anyMatch(m -> m != null);
    }

    /** This control with the content loss restricted to {@code mask}'s white region. */
    public SpatialControl withContentMask(RgbImage mask) {
        return new SpatialControl(Validation.required(mask, "content mask"), styleMasks, textureWidth, textureHeight);
    }

    /** This control with style image {@code index}'s Gram loss restricted to {@code mask}'s white region. */
    public SpatialControl withStyleMask(int index, RgbImage mask) {
        Validation.atLeast(index, 0, "style mask index");
        List<RgbImage> masks = new ArrayList<>(styleMasks);
        while (masks.size() <= index) {
            masks.add(null);
        }
        masks.set(index, Validation.required(mask, "style mask"));
        return new SpatialControl(contentMask, masks, textureWidth, textureHeight);
    }
}
