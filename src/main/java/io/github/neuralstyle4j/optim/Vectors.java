package io.github.neuralstyle4j.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.factory.BlasWrapper;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The level-1 BLAS operations L-BFGS needs, on flat float32 ND4J vectors, in place and allocation-free.
 *
 * <p>Only BLAS calls and plain Java loops: ND4J's element-wise ops (assign, sub, mul, clip) run on an OpenMP pool
 * that fights OpenBLAS's and ONNX Runtime's threads for the cores when they follow each other in a loop.
 */
final class Vectors {

    private Vectors() {
    }

    /**
     * A new zeroed off-heap float32 vector, detached from any workspace the caller may have open (a
     * workspace would reclaim it when its scope closes, while L-BFGS keeps it across steps).
     */
    static INDArray allocate(long length) {
        INDArray v = Nd4j.createUninitializedDetached(DataType.FLOAT, length);
        org.bytedeco.javacpp.Pointer.memset(v.data().pointer(), 0, length * Float.BYTES);
        return v;
    }

    /** Frees the off-heap memory now rather than when the garbage collector gets round to it. */
    static void release(INDArray vector) {
        if (vector != null && vector.closeable()) {
            vector.close();
        }
    }

    /** y ← x (scopy). */
    static void copy(INDArray x, INDArray y) {
        blas().copy(x, y);
    }

    /** y ← −x (scopy, sscal by −1: exact, as torch's {@code neg}). */
    static void negate(INDArray x, INDArray y) {
        copy(x, y);
        scale(-1.0, y);
    }

    /** z ← x − y (scopy, saxpy by −1: one rounding, as torch's {@code sub}). */
    static void difference(INDArray x, INDArray y, INDArray z) {
        copy(x, z);
        axpy(-1.0, y, z);
    }

    /** y ← alpha·x (scopy, sscal: alpha rounded to float32 first, as torch's {@code mul} by a Python float). */
    static void scaled(double alpha, INDArray x, INDArray y) {
        copy(x, y);
        scale(alpha, y);
    }

    /** xᵀy (sdot). */
    static double dot(INDArray x, INDArray y) {
        return blas().dot(x, y);
    }

    /** y ← y + alpha·x (saxpy). */
    static void axpy(double alpha, INDArray x, INDArray y) {
        blas().level1().axpy(y.length(), alpha, x, y);
    }

    /** x ← alpha·x (sscal). */
    static void scale(double alpha, INDArray x) {
        blas().level1().scal(x.length(), alpha, x);
    }

    /** ‖x‖₁ (sasum). */
    static double sumAbs(INDArray x) {
        return blas().asum(x);
    }

    /** max|xᵢ| (isamax); an ND4J reduction op would cost ~100 µs per call even on tiny vectors. */
    static double maxAbs(INDArray x) {
        return Math.abs(x.getDouble(blas().iamax(x)));
    }

    /**
     * x ← min(max(x, lower), upper) element-wise, in place; NaN stays NaN (torch's {@code clamp_}). A Java loop
     * over the off-heap buffer for float32 vectors (about 1 ms for 512×682×3 values on one core), ND4J's op
     * for anything else.
     */
    static INDArray clamp(INDArray x, double lower, double upper) {
        if (x.dataType() != DataType.FLOAT || x.isView() || x.offset() != 0 || x.data().length() != x.length()) {
            ClipByValue clip = new ClipByValue(x, lower, upper);
            clip.addOutputArgument(x);
            Nd4j.exec(clip);
            return x;
        }
        FloatBuffer values = x.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        float lo = (float) lower;
        float hi = (float) upper;
        for (int i = 0, n = values.limit(); i < n; i++) {
            float v = values.get(i);
            if (v < lo) {
                values.put(i, lo);
            } else if (v > hi) {
                values.put(i, hi);
            }
        }
        return x;
    }

    /**
     * Zeroes the components of g that push x out of [lower, upper] where x sits on that bound: the gradient of
     * f(clamp(x)) for the moves the clamp lets through. A Java loop over the off-heap buffers for contiguous float32
     * vectors, element access otherwise.
     */
    static void projectGradient(INDArray x, INDArray g, double lower, double upper) {
        if (!isPlainFloat(x) || !isPlainFloat(g)) {
            for (long i = 0, n = x.length(); i < n; i++) {
                double v = x.getDouble(i);
                double d = g.getDouble(i);
                if ((v <= lower && d > 0) || (v >= upper && d < 0)) {
                    g.putScalar(i, 0);
                }
            }
            return;
        }
        FloatBuffer xs = x.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        FloatBuffer gs = g.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        float lo = (float) lower;
        float hi = (float) upper;
        for (int i = 0, n = xs.limit(); i < n; i++) {
            float v = xs.get(i);
            float d = gs.get(i);
            if ((v <= lo && d > 0) || (v >= hi && d < 0)) {
                gs.put(i, 0f);
            }
        }
    }

    private static boolean isPlainFloat(INDArray x) {
        return x.dataType() == DataType.FLOAT && !x.isView() && x.offset() == 0 && x.data().length() == x.length();
    }

    private static BlasWrapper blas() {
        return Nd4j.getBlasWrapper();
    }
}
