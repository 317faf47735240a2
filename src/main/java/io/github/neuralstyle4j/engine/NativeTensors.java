package io.github.neuralstyle4j.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * ONNX Runtime tensors that share memory with ND4J arrays. ORT uses a direct buffer as it is, so a tensor made
 * here reads (as an input) or fills (as a pinned output) the ND4J array's own off-heap memory: no copy either way.
 */
public final class NativeTensors {

    private NativeTensors() {
    }

    /** A float32 tensor of {@code shape} over the whole buffer of a contiguous, zero-offset, C-order array. */
    public static OnnxTensor share(OrtEnvironment env, INDArray array, long[] shape) {
        requireShareable(array);
        FloatBuffer view = array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        try {
            return OnnxTensor.createTensor(env, view, shape);
        } catch (OrtException e) {
            throw new EngineException("cannot wrap an ND4J array as an ONNX Runtime tensor: " + e.getMessage(), e);
        }
    }

    /** Sets every element to 0 with a memset: ND4J's assign(0) runs on an OpenMP pool that contends with BLAS. */
    public static void zero(INDArray array) {
        if (array.isView() || array.data().length() != array.length()) {
            array.assign(0);
            return;
        }
        org.bytedeco.javacpp.Pointer p = array.data().pointer();
        org.bytedeco.javacpp.Pointer.memset(p, 0, array.length() * array.dataType().width());
    }

    /** True when ORT can use the array's memory as it is. */
    public static boolean isShareable(INDArray array) {
        return array.dataType() == DataType.FLOAT && !array.isView() && array.offset() == 0
                && array.ordering() == 'c' && array.data().length() == array.length();
    }

    static void requireShareable(INDArray array) {
        if (!isShareable(array)) {
            throw new IllegalArgumentException("array must be a contiguous, non-view float32 C-order array: "
                    + array.shapeInfoToString());
        }
    }
}
