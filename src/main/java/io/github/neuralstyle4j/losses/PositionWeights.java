package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Multiplies the columns of a [C, H·W] feature matrix by one weight per position (a guidance channel at the layer's
 * resolution). A plain loop over the buffers: ND4J's broadcast ops would run on the OpenMP pool that contends with
 * OpenBLAS's threads (see {@link Level1}).
 */
final class PositionWeights {

    private final float[] weights;

    PositionWeights(GuidanceChannel channel) {
        this.weights = channel.values();
    }

    int positions() {
        return weights.length;
    }

    /** dst[c, p] ← src[c, p] · m[p]; dst may be src. */
    void apply(INDArray src, INDArray dst) {
        int p = weights.length;
        if (src.columns() != p || dst.columns() != p || src.rows() != dst.rows()) {
            throw new IllegalArgumentException("features " + src.shapeInfoToString() + " do not have the guidance"
                    + " channel's " + p + " positions");
        }
        int c = (int) src.rows();
        if (isPlain(src) && isPlain(dst) && src.dataType() == DataType.FLOAT && dst.dataType() == DataType.FLOAT) {
            FloatBuffer s = src.data().asNioFloat();
            FloatBuffer d = dst.data().asNioFloat();
            for (int row = 0, k = 0; row < c; row++) {
                for (int j = 0; j < p; j++, k++) {
                    d.put(k, s.get(k) * weights[j]);
                }
            }
        } else if (isPlain(src) && isPlain(dst) && src.dataType() == DataType.DOUBLE
                && dst.dataType() == DataType.DOUBLE) {
            DoubleBuffer s = src.data().asNioDouble();
            DoubleBuffer d = dst.data().asNioDouble();
            for (int row = 0, k = 0; row < c; row++) {
                for (int j = 0; j < p; j++, k++) {
                    d.put(k, s.get(k) * weights[j]);
                }
            }
        } else {
            try (INDArray row = Nd4j.createFromArray(weights).castTo(src.dataType()).reshape(1, p)) {
                dst.assign(src.mulRowVector(row));
            }
        }
    }

    /** A whole, zero-offset, row-major buffer. */
    private static boolean isPlain(INDArray a) {
        return a.rank() == 2 && a.ordering() == 'c' && a.offset() == 0 && a.data().length() == a.length()
                && a.stride(1) == 1;
    }
}
