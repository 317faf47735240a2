package io.github.neuralstyle4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class VectorsTest {

    private final INDArray x = Nd4j.createFromArray(1f, -4f, 2.5f);
    private final INDArray y = Nd4j.createFromArray(0.5f, 0.25f, -2f);

    @Test
    void reductions() {
        assertEquals(0.5 - 1 - 5, Vectors.dot(x, y), 0.0);
        assertEquals(4.0, Vectors.maxAbs(x), 0.0); // the largest magnitude is negative: abs of it
        assertEquals(2.0, Vectors.maxAbs(y), 0.0);
        assertEquals(7.5, Vectors.sumAbs(x), 0.0);
    }

    @Test
    void inPlaceUpdates() {
        Vectors.axpy(2.0, x, y);
        assertArrayEquals(new double[] {2.5, -7.75, 3}, y.toDoubleVector(), 0.0);
        Vectors.scale(-0.5, x);
        assertArrayEquals(new double[] {-0.5, 2, -1.25}, x.toDoubleVector(), 0.0);
        Vectors.clamp(x, -1, 1);
        assertArrayEquals(new double[] {-0.5, 1, -1}, x.toDoubleVector(), 0.0);
    }

    @Test
    void copiesAndCombinations() {
        INDArray z = Vectors.allocate(3);
        Vectors.negate(x, z);
        assertArrayEquals(new double[] {-1, 4, -2.5}, z.toDoubleVector(), 0.0);
        Vectors.difference(x, y, z);
        assertArrayEquals(new double[] {0.5, -4.25, 4.5}, z.toDoubleVector(), 0.0);
        Vectors.scaled(-2.0, y, z);
        assertArrayEquals(new double[] {-1, -0.5, 4}, z.toDoubleVector(), 0.0);
        Vectors.copy(x, z);
        assertArrayEquals(x.toDoubleVector(), z.toDoubleVector(), 0.0);
        Vectors.release(z);
    }

    @Test
    void clampKeepsNanAsTorchDoes() {
        INDArray v = Nd4j.createFromArray(Float.NaN, -0.5f, 0.25f, 3f, Float.NEGATIVE_INFINITY);
        Vectors.clamp(v, 0, 1);
        assertArrayEquals(new float[] {Float.NaN, 0, 0.25f, 1, 0}, v.toFloatVector(), 0f);
    }

    @Test
    void clampOfAViewChangesOnlyTheView() {
        INDArray whole = Nd4j.createFromArray(-1f, 2f, -3f, 4f);
        Vectors.clamp(whole.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3)), 0, 1);
        assertArrayEquals(new float[] {-1, 1, 0, 4}, whole.toFloatVector(), 0f);
    }

    @Test
    void allocatesFlatFloat32() {
        INDArray v = Vectors.allocate(5);
        assertEquals(DataType.FLOAT, v.dataType());
        assertArrayEquals(new long[] {5}, v.shape());
        assertArrayEquals(new double[5], v.toDoubleVector(), 0.0);
        Vectors.release(v);
    }
}
