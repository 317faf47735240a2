package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.config.ImageSize;
import io.github.neuralstyle4j.config.PreserveColors;
import io.github.neuralstyle4j.image.ColorMatching;
import io.github.neuralstyle4j.image.Luminance;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;
import io.github.neuralstyle4j.losses.GuidanceChannel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The images a run optimises with, prepared from its request: the content at the working size, the style images
 * (resized, possibly recoloured) with their normalised blend weights, the start image, and the way back from the
 * optimised image to the written one.
 *
 * <p>With {@link PreserveColors#LUMINANCE} the network sees grey images only (content, styles and start image
 * replaced by their Y in all three channels, the styles' Y matched to the content's mean and deviation), and
 * {@link #toOutput} puts the content's chroma back.
 */
public final class RunImages {

    private final RgbImage content;
    private final RgbImage networkContent;
    private final List<RgbImage> styles;
    private final double[] blendWeights;
    private final RgbImage start;
    private final PreserveColors preserveColors;
    private final GuidanceChannel contentMask;
    private final List<GuidanceChannel> styleMasks;

    private RunImages(RgbImage content, RgbImage networkContent, List<RgbImage> styles, double[] blendWeights,
                      RgbImage start, PreserveColors preserveColors, Request request) {
        this.contentMask = mask(request.spatial().contentMask(), content);
        List<GuidanceChannel> masks = new ArrayList<>();
        for (int i = 0; i < styles.size(); i++) {
            masks.add(mask(request.spatial().styleMask(i), content));
        }
        this.styleMasks = java.util.Collections.unmodifiableList(masks);
        this.content = content;
        this.networkContent = networkContent;
        this.styles = List.copyOf(styles);
        this.blendWeights = blendWeights;
        this.start = start;
        this.preserveColors = preserveColors;
    }

    /** Prepares the in-memory images of {@code request} with the content's shorter side at {@code size}. */
    public static RunImages prepare(Request request, int size) {
        RgbImage content = request.content() != null ? Resize.shorterSideTo(request.content(), size)
                : canvas(Resize.outputSize(request.canvasWidth(), request.canvasHeight(), size));
        PreserveColors mode = request.preserveColors();
        List<RgbImage> styles = new ArrayList<>();
        for (Request.Style s : request.styles()) {
            RgbImage style = resizeStyle(s.image(), content, request.styleScale());
            styles.add(switch (mode) {
                case NONE -> style;
                // resized first: resizing works on 8-bit values and would clamp the matched colours
                case HISTOGRAM -> ColorMatching.matchTo(style, content);
                case LUMINANCE -> Luminance.matchMoments(Luminance.grey(style), Luminance.grey(content));
            });
        }
        RgbImage networkContent = mode == PreserveColors.LUMINANCE ? Luminance.grey(content) : content;
        RgbImage start = switch (request.start()) {
            case CONTENT -> networkContent;
            case NOISE -> noise(networkContent.width(), networkContent.height(), request.seed());
            case IMAGE -> Resize.to(request.startImage(), networkContent.width(), networkContent.height());
        };
        if (mode == PreserveColors.LUMINANCE && request.start() == Request.Start.IMAGE) {
            start = Luminance.grey(start);
        }
        return new RunImages(content, networkContent, styles, blendWeights(request.styles()), start, mode, request);
    }

    /** A texture's stand-in for the content image: mid-grey, only its size is used (styles are resized to it). */
    private static RgbImage canvas(Resize.Size size) {
        float[] grey = new float[3 * size.width() * size.height()];
        java.util.Arrays.fill(grey, 0.5f);
        return RgbImage.of(size.width(), size.height(), grey);
    }

    /**
     * A mask image as a guidance channel at the working size: resized as the content is (Pillow's bilinear on 8-bit
     * samples), then its luma Y = 0.299 R + 0.587 G + 0.114 B, which is the grey value itself for a grey image.
     */
    static GuidanceChannel mask(RgbImage mask, RgbImage content) {
        if (mask == null) {
            return null;
        }
        RgbImage resized = Resize.to(mask, content.width(), content.height());
        float[] rgb = resized.planar();
        int n = content.width() * content.height();
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) Math.min(1, Math.max(0, Luminance.luma(rgb[i], rgb[n + i], rgb[2 * n + i])));
        }
        try {
            return GuidanceChannel.of(content.width(), content.height(), y);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a mask resized to " + content.width() + "×" + content.height()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The blend weights divided by their sum. */
    private static double[] blendWeights(List<Request.Style> styles) {
        double sum = styles.stream().mapToDouble(Request.Style::weight).sum();
        return styles.stream().mapToDouble(st -> st.weight() / sum).toArray();
    }

    /**
     * The seed resizes the style to the content's exact size; with a scale the style keeps its aspect ratio and its
     * shorter side becomes scale × the content's shorter side (neural-style's {@code -style_scale}). The Grams stay
     * comparable across sizes: G = F·Fᵀ/(C·H·W) averages the feature products over the H·W positions, so it measures
     * the texture's statistics, not the image's area; what the scale changes is how large the style's strokes are
     * relative to the receptive fields, which is its purpose.
     */
    static RgbImage resizeStyle(RgbImage style, RgbImage content, Double scale) {
        if (scale == null) {
            return Resize.to(style, content.width(), content.height());
        }
        int shorter = (int) Math.round(scale * Math.min(content.width(), content.height()));
        if (shorter < ImageSize.MIN) {
            throw new ConfigException(null, "$.style.scale", "gives style images of " + shorter
                    + " px on the shorter side, below the minimum of " + ImageSize.MIN);
        }
        return Resize.shorterSideTo(style, shorter);
    }

    /**
     * Uniform values in [0, 1), drawn in CHW order from {@code java.util.Random(seed)}, whose generator the Java
     * specification fixes: the same seed gives the same image on every JVM.
     */
    static RgbImage noise(int width, int height, long seed) {
        Random random = new Random(seed);
        float[] v = new float[3 * width * height];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat();
        }
        return RgbImage.of(width, height, v);
    }

    /** The content loss's guidance channel at the working size, or null for the whole image. */
    public GuidanceChannel contentMask() {
        return contentMask;
    }

    /** Per style image, its guidance channel at the working size, or null for the whole image. */
    public List<GuidanceChannel> styleMasks() {
        return styleMasks;
    }

    /** The content image as loaded and resized (in colour, whatever the mode); a mid-grey canvas for a texture. */
    public RgbImage content() {
        return content;
    }

    /** The content image as the network sees it: grey in luminance mode, else {@link #content()}. */
    public RgbImage networkContent() {
        return networkContent;
    }

    /** The style images as the network sees them, in the config's order. */
    public List<RgbImage> styles() {
        return styles;
    }

    /** The style images' blend weights, summing to 1 (a copy). */
    public double[] blendWeights() {
        return blendWeights.clone();
    }

    /** Where the optimisation starts. */
    public RgbImage start() {
        return start;
    }

    public int width() {
        return content.width();
    }

    public int height() {
        return content.height();
    }

    /**
     * An image (a coarser stage's result, a checkpoint) as the network sees it: grey in luminance mode, else as it
     * is; for a start given from outside the config.
     */
    public RgbImage toNetwork(RgbImage image) {
        return preserveColors == PreserveColors.LUMINANCE ? Luminance.grey(image) : image;
    }

    /** The image to write for an optimised one: in luminance mode its Y with the content's chroma. */
    public RgbImage toOutput(RgbImage optimised) {
        return preserveColors == PreserveColors.LUMINANCE ? Luminance.recombine(optimised, content) : optimised;
    }
}
