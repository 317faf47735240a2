import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.github.neuralstyle4j.backbone.OnnxProtos;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * The float32 matrix-product throughput of the two libraries neuralstyle4j runs on, for tools/bench.sh: an
 * N×N×N product in ONNX Runtime (MatMul, MLAS: what the convolutions use) and in ND4J (OpenBLAS sgemm: the Gram
 * matrices), best of 5 at a thread count. Prints "ort GFLOPS" and "nd4j GFLOPS" lines.
 * {@code java -cp "target/neuralstyle4j.jar:target/lib/*" tools/bench/SgemmPeak.java THREADS [N]}
 */
public final class SgemmPeak {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        double flops = 2.0 * n * n * n;

        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        double nd4j = 0;
        for (int i = 0; i < 6; i++) {
            long t = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            nd4j = i == 0 ? 0 : Math.max(nd4j, flops / ((System.nanoTime() - t) / 1e9));
        }
        System.out.printf("nd4j %.1f%n", nd4j / 1e9);

        long[] dims = {n, n};
        GraphProto graph = GraphProto.newBuilder().setName("sgemm")
                .addNode(OnnxProtos.node("MatMul", "mm", List.of("a", "b"), List.of("c")))
                .addInput(OnnxProtos.floatValueInfo("a", dims)).addInput(OnnxProtos.floatValueInfo("b", dims))
                .addOutput(OnnxProtos.floatValueInfo("c", dims)).build();
        ModelProto model = ModelProto.newBuilder().setIrVersion(OnnxProtos.IR_VERSION).setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxProtos.OPSET)).build();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(threads);
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            try (OrtSession session = env.createSession(model.toByteArray(), so);
                 OnnxTensor ta = OnnxTensor.createTensor(env, FloatBuffer.wrap(a.data().asFloat()), dims);
                 OnnxTensor tb = OnnxTensor.createTensor(env, FloatBuffer.wrap(b.data().asFloat()), dims)) {
                double ort = 0;
                for (int i = 0; i < 6; i++) {
                    long t = System.nanoTime();
                    session.run(Map.of("a", ta, "b", tb)).close();
                    ort = i == 0 ? 0 : Math.max(ort, flops / ((System.nanoTime() - t) / 1e9));
                }
                System.out.printf("ort %.1f%n", ort / 1e9);
            }
        }
    }
}
