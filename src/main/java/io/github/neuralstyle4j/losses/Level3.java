package io.github.neuralstyle4j.losses;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * The Gram matrix as one SYRK on OpenBLAS (the library ND4J itself calls): F·Fᵀ is symmetric, so SYRK computes one
 * triangle, C²·HW flops instead of a GEMM's 2·C²·HW (measured on one core: 9.3 instead of 12.8 ms for 64×87296, 5.3
 * instead of 9.1 ms for 256×5440; {@code tools/jmh.sh StyleLoss}). ND4J's own {@code syrk} cannot be used: in
 * 1.0.0-M2.1 it returns without computing anything (measured), so this calls cblas directly.
 */
final class Level3 {

    private static final int ROW_MAJOR = 101;
    private static final int UPPER = 121;
    private static final int NO_TRANS = 111;

    private Level3() {
    }

    /** gram ← alpha·F·Fᵀ, both triangles, for F [C, K] and gram [C, C]; a GEMM where the arrays are not plain. */
    static void gram(INDArray f, INDArray gram, double alpha) {
        int c = (int) f.rows();
        int k = (int) f.columns();
        boolean plain = isPlain(f) && isPlain(gram) && f.dataType() == gram.dataType() && gram.rows() == c
                && gram.columns() == c;
        if (plain && f.dataType() == DataType.FLOAT) {
            openblas.cblas_ssyrk(ROW_MAJOR, UPPER, NO_TRANS, c, k, (float) alpha, new FloatPointer(f.data().pointer()),
                    k, 0f, new FloatPointer(gram.data().pointer()), c);
            mirrorUpper(gram.data().asNioFloat(), c);
        } else if (plain && f.dataType() == DataType.DOUBLE) {
            openblas.cblas_dsyrk(ROW_MAJOR, UPPER, NO_TRANS, c, k, alpha, new DoublePointer(f.data().pointer()),
                    k, 0, new DoublePointer(gram.data().pointer()), c);
            mirrorUpper(gram.data().asNioDouble(), c);
        } else {
            Nd4j.gemm(f, f, gram, false, true, alpha, 0.0);
        }
    }

    /** SYRK wrote the upper triangle (j ≥ i) of a row-major c×c matrix; copy it into the lower one. */
    private static void mirrorUpper(FloatBuffer g, int c) {
        for (int i = 1; i < c; i++) {
            for (int j = 0; j < i; j++) {
                g.put(i * c + j, g.get(j * c + i));
            }
        }
    }

    private static void mirrorUpper(DoubleBuffer g, int c) {
        for (int i = 1; i < c; i++) {
            for (int j = 0; j < i; j++) {
                g.put(i * c + j, g.get(j * c + i));
            }
        }
    }

    /** A whole, zero-offset, row-major buffer: what cblas can read with leading dimension = columns. */
    private static boolean isPlain(INDArray a) {
        return a.rank() == 2 && a.ordering() == 'c' && a.offset() == 0
                && a.data().length() == a.length() && a.stride(1) == 1 && a.stride(0) == a.columns();
    }
}
