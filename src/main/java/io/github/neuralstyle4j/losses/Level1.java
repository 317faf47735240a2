package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.BlasWrapper;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BLAS level-1 calls on whole contiguous arrays of any shape. The losses use these rather than ND4J's element-wise
 * ops, which run on an OpenMP pool that fights OpenBLAS's threads for the cores (measured: ~2 ms per call on two
 * cores when interleaved with GEMMs, more than the GEMMs themselves).
 */
final class Level1 {

    private Level1() {
    }

    /** y ← y + alpha·x */
    static void axpy(double alpha, INDArray x, INDArray y) {
        blas().level1().axpy(x.length(), alpha, flat(x), flat(y));
    }

    /** xᵀy over all elements */
    static double dot(INDArray x, INDArray y) {
        return blas().dot(flat(x), flat(y));
    }

    /** x ← alpha·x */
    static void scal(double alpha, INDArray x) {
        blas().level1().scal(x.length(), alpha, flat(x));
    }

    /** x ← 0, a memset of the whole buffer (ND4J's assign(0) runs on the OpenMP pool). */
    static void zero(INDArray x) {
        INDArray v = flat(x);
        if (v.offset() != 0 || v.data().length() != v.length()) {
            v.assign(0);
            return;
        }
        org.bytedeco.javacpp.Pointer.memset(v.data().pointer(), 0, v.length() * v.dataType().width());
    }

    /** y ← x */
    static void copy(INDArray x, INDArray y) {
        blas().copy(flat(x), flat(y));
    }

    /** Σ|x| over all elements */
    static double asum(INDArray x) {
        return blas().asum(flat(x));
    }

    /** A 1-D view sharing the array's memory (never a copy: writes must land in the original). */
    private static INDArray flat(INDArray a) {
        if (a.rank() == 1) {
            return a;
        }
        INDArray v = a.reshape(a.length());
        if (v.data().pointer().address() != a.data().pointer().address() || v.offset() != a.offset()) {
            throw new IllegalArgumentException("array is not contiguous: " + a.shapeInfoToString());
        }
        return v;
    }

    private static BlasWrapper blas() {
        return Nd4j.getBlasWrapper();
    }
}
