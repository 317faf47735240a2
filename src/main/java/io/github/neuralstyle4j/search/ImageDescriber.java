package io.github.neuralstyle4j.search;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneException;
import io.github.neuralstyle4j.backbone.BackboneFolders;
import io.github.neuralstyle4j.backbone.BackboneManifest;
import io.github.neuralstyle4j.engine.FeatureExtractor;
import io.github.neuralstyle4j.engine.OrtRuntime;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;

import java.util.List;

/**
 * Turns images into unit descriptors: each image is resized to {@code size}×{@code size}, run through a forward
 * session pruned to one layer ({@link FeatureExtractor}) and reduced by a {@link Descriptor}.
 */
public final class ImageDescriber implements AutoCloseable {

    private final FeatureExtractor extractor;
    private final Descriptor descriptor;
    private final int size;
    private final ImageIndex.Settings settings;

    public ImageDescriber(OrtRuntime runtime, Backbone backbone, String layer, Descriptor descriptor, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        String tensor = backbone.tensorFor(layer);
        this.descriptor = descriptor;
        this.size = size;
        this.extractor = FeatureExtractor.open(runtime, backbone.graph(), tensor, size, size);
        long[] shape = extractor.tapShape();
        long dimension = descriptor.dimension(shape[1]);
        if (shape.length != 4 || dimension > WideHnswVectorsFormat.MAX_DIMENSIONS) {
            extractor.close();
            throw new BackboneException("layer " + layer + " (" + shape[1] + " channels) gives a " + descriptor.label()
                    + " descriptor of " + dimension + " values; the index takes at most "
                    + WideHnswVectorsFormat.MAX_DIMENSIONS + ": choose a layer with fewer channels");
        }
        // the file's own hash, not the manifest's record of it: what identifies the weights actually run
        String sha = BackboneFolders.sha256(backbone.directory().resolve(backbone.manifest().model()));
        this.settings = new ImageIndex.Settings(backbone.manifest().name(), sha, layer, tensor, descriptor.label(),
                size, (int) dimension);
    }

    /** The default layer: the last one the backbone's manifest lists (pool5 for VGG). */
    public static String defaultLayer(Backbone backbone) {
        List<BackboneManifest.Layer> layers = backbone.manifest().layers();
        return layers.get(layers.size() - 1).name();
    }

    public ImageIndex.Settings settings() {
        return settings;
    }

    /** The activations of the layer for the image at this describer's size (NCHW, flat). */
    public float[] features(RgbImage image) {
        return extractor.features(Resize.to(image, size, size));
    }

    public long[] tapShape() {
        return extractor.tapShape();
    }

    public float[] describe(RgbImage image) {
        return descriptor.of(features(image), extractor.tapShape());
    }

    @Override
    public void close() {
        extractor.close();
    }
}
