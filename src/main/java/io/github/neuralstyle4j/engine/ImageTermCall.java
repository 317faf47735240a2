package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.api.ImageTerm;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * Calls a request's {@link ImageTerm} on the optimiser's native arrays: the point is copied out to a Java array and
 * the term's gradient added back element by element (plain loops, no ND4J element-wise ops, which contend with
 * OpenBLAS's threads; see {@code losses.Level1}).
 */
final class ImageTermCall {

    private final ImageTerm term;
    private final int width;
    private final int height;
    private final float[] image;
    private final float[] gradient;

    ImageTermCall(ImageTerm term, int width, int height) {
        this.term = term;
        this.width = width;
        this.height = height;
        this.image = new float[3 * width * height];
        this.gradient = new float[image.length];
    }

    /** The term's value at x; its gradient is added into {@code into} unless that is null. */
    double addTo(INDArray x, INDArray into) {
        buffer(x).get(0, image);
        java.util.Arrays.fill(gradient, 0f);
        double value = term.addTo(image, gradient, width, height);
        if (into != null) {
            FloatBuffer g = buffer(into);
            for (int i = 0; i < gradient.length; i++) {
                g.put(i, g.get(i) + gradient[i]);
            }
        }
        return value;
    }

    private FloatBuffer buffer(INDArray a) {
        if (a.length() != image.length || a.offset() != 0 || a.length() != a.data().length()
                || (a.rank() > 1 && a.ordering() != 'c')) {
            throw new IllegalArgumentException("expected a contiguous array of " + image.length + " values, got "
                    + a.shapeInfoToString());
        }
        return a.data().asNioFloat();
    }
}
