package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small whole classifiers in ONNX, built the way exporters write them (input {@code data} of a fixed size, a
 * convolutional stack, then Flatten and fully connected layers), for the importer's tests; and a way to run any
 * tensor of a model in ONNX Runtime.
 */
public final class ClassifierModels {

    public static final int SIZE = 32;

    private ClassifierModels() {
    }

    /**
     * A VGG-shaped classifier: [conv 3×3 → relu]×2 → maxpool, conv → relu → maxpool, then Flatten → Gemm → Relu →
     * Gemm, as the ONNX Model Zoo's VGG files are (exporter-style tensor names, the weights also listed as graph
     * inputs as IR version 3 requires, opset 7).
     */
    public static ModelProto vgg(int channels) {
        Random random = new Random(7);
        GraphProto.Builder g = GraphProto.newBuilder().setName("vgg_classifier");
        g.addInput(OnnxProtos.floatValueInfo("data", new long[] {1, channels, SIZE, SIZE}));
        String x = "data";
        int in = channels;
        int k = 0;
        int[][] stages = {{4, 4}, {8}};
        for (int s = 0; s < stages.length; s++) {
            for (int out : stages[s]) {
                String conv = "vgg0_conv" + k + "_fwd";
                weight(g, "vgg0_conv" + k + "_weight", new long[] {out, in, 3, 3}, random, Math.sqrt(2.0 / (9 * in)));
                weight(g, "vgg0_conv" + k + "_bias", new long[] {out}, random, 0.1);
                g.addNode(OnnxProtos.node("Conv", conv, List.of(x, "vgg0_conv" + k + "_weight", "vgg0_conv" + k + "_bias"),
                        List.of(conv), OnnxProtos.ints("kernel_shape", 3, 3), OnnxProtos.ints("pads", 1, 1, 1, 1)));
                g.addNode(OnnxProtos.node("Relu", "vgg0_relu" + k + "_fwd", List.of(conv), List.of("vgg0_relu" + k + "_fwd")));
                x = "vgg0_relu" + k + "_fwd";
                in = out;
                k++;
            }
            g.addNode(OnnxProtos.node("MaxPool", "vgg0_pool" + s + "_fwd", List.of(x), List.of("vgg0_pool" + s + "_fwd"),
                    OnnxProtos.ints("kernel_shape", 2, 2), OnnxProtos.ints("strides", 2, 2)));
            x = "vgg0_pool" + s + "_fwd";
        }
        head(g, x, in * (SIZE / 4) * (SIZE / 4), random);
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(3).setProducerName("test exporter")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(7));
        for (TensorProto t : g.getInitializerList()) {   // IR 3: initializers are graph inputs too
            g.addInput(OnnxProtos.floatValueInfo(t.getName(), OnnxProtos.dims(t)));
        }
        return model.setGraph(g).build();
    }

    /** Flatten → Gemm → Relu → Gemm → "prob", from a feature tensor with {@code features} values. */
    static void head(GraphProto.Builder g, String x, int features, Random random) {
        g.addNode(OnnxProtos.node("Flatten", "flatten_0", List.of(x), List.of("flatten_0")));
        weight(g, "dense0_weight", new long[] {16, features}, random, 0.05);
        weight(g, "dense0_bias", new long[] {16}, random, 0.05);
        g.addNode(OnnxProtos.node("Gemm", "dense0_fwd", List.of("flatten_0", "dense0_weight", "dense0_bias"),
                List.of("dense0_fwd"), OnnxProtos.integer("transB", 1)));
        g.addNode(OnnxProtos.node("Relu", "dense0_relu_fwd", List.of("dense0_fwd"), List.of("dense0_relu_fwd")));
        weight(g, "dense1_weight", new long[] {10, 16}, random, 0.2);
        weight(g, "dense1_bias", new long[] {10}, random, 0.05);
        g.addNode(OnnxProtos.node("Gemm", "dense1_fwd", List.of("dense0_relu_fwd", "dense1_weight", "dense1_bias"),
                List.of("prob"), OnnxProtos.integer("transB", 1)));
        g.addOutput(OnnxProtos.floatValueInfo("prob", new long[] {1, 10}));
    }

    static void weight(GraphProto.Builder g, String name, long[] dims, Random random, double std) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * std);
        }
        g.addInitializer(OnnxProtos.floatTensor(name, dims, v));
    }

    /** Runs {@code model} on {@code x} (NCHW, 1×3×h×w) and returns the named tensors, made graph outputs for this. */
    public static Map<String, float[]> run(ModelProto model, String input, float[] x, int h, int w, List<String> tensors) {
        GraphProto.Builder g = model.getGraph().toBuilder();
        var outputs = new LinkedHashSet<>(g.getOutputList().stream().map(v -> v.getName()).toList());
        for (String t : tensors) {
            if (outputs.add(t)) {
                g.addOutput(OnnxProtos.floatValueInfo(t, new long[] {-1, -1, -1, -1}, "n", "c", "h", "w"));
            }
        }
        OrtEnvironment env = io.github.neuralstyle4j.backbone.OrtStartup.environment();
        try (OrtSession session = env.createSession(model.toBuilder().setGraph(g).build().toByteArray(),
                new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 3, h, w});
             OrtSession.Result result = session.run(Map.of(input, in), new LinkedHashSet<>(tensors))) {
            Map<String, float[]> out = new HashMap<>();
            for (String t : tensors) {
                FloatBuffer b = ((OnnxTensor) result.get(t).orElseThrow()).getFloatBuffer();
                float[] v = new float[b.remaining()];
                b.get(v);
                out.put(t, v);
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    public static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths " + a.length + " and " + b.length);
        }
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    public static float[] randomImage(int h, int w, long seed) {
        Random r = new Random(seed);
        float[] x = new float[3 * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }
}
