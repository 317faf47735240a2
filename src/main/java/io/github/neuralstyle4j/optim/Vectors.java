package io.github.neuralstyle4j.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.factory.BlasWrapper;
import org.nd4j.linalg.factory.Nd4j;

/** The level-1 BLAS operations L-BFGS needs, on flat float32 ND4J vectors, in place and allocation-free. */
final class Vectors {

    private Vectors() {
    }

    /**
     * A new zeroed off-heap float32 vector, detached from any workspace the caller may have open (a
     * workspace would reclaim it when its scope closes, while L-BFGS keeps it across steps).
     */
    static INDArray allocate(long length) {
        return Nd4j.createUninitializedDetached(DataType.FLOAT, length).assign(0);
    }

    /** Frees the off-heap memory now rather than when the garbage collector gets round to it. */
    static void release(INDArray vector) {
        if (vector != null && vector.closeable()) {
            vector.close();
        }
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

    /** x ← min(max(x, lower), upper) element-wise, in place. */
    static INDArray clamp(INDArray x, double lower, double upper) {
        ClipByValue clip = new ClipByValue(x, lower, upper);
        clip.addOutputArgument(x);
        Nd4j.exec(clip);
        return x;
    }

    private static BlasWrapper blas() {
        return Nd4j.getBlasWrapper();
    }
}
