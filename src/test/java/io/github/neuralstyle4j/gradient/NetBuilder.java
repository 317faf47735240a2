package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.github.neuralstyle4j.backbone.OnnxProtos;

import java.util.List;
import java.util.Random;

/**
 * Builds small test graphs layer by layer from the input "image", with seeded random weights, so that a ResNet or
 * MobileNet block reads like its definition. Every layer returns the name of its output tensor.
 */
final class NetBuilder {

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("t");
    private final Random random;
    private int counter;

    NetBuilder(long seed) {
        random = new Random(seed);
        graph.addInput(OnnxProtos.floatValueInfo("image", new long[] {1, 3, -1, -1}, "h", "w"));
    }

    /** Conv with He-normal weights (so activations keep their scale through a stack) and a random bias. */
    String conv(String x, int in, int out, int k, int stride, int pad, int group) {
        int fanIn = in / group * k * k;
        String w = constant("w", new long[] {out, in / group, k, k}, gaussians(out * fanIn, Math.sqrt(2.0 / fanIn)));
        String b = constant("b", new long[] {out}, gaussians(out, 0.1));
        return node("Conv", List.of(x, w, b), OnnxProtos.ints("strides", stride, stride),
                OnnxProtos.ints("pads", pad, pad, pad, pad), OnnxProtos.integer("group", group));
    }

    /** BatchNormalization with non-trivial statistics: scale in ±[0.5, 1.5]·gain, var in [0.1, 2], epsilon 1e-3. */
    String batchNorm(String x, int channels, double gain) {
        float[] scale = new float[channels];
        float[] bias = new float[channels];
        float[] mean = new float[channels];
        float[] var = new float[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = (float) (gain * (random.nextBoolean() ? 1 : -1) * (0.5 + random.nextDouble()));
            bias[c] = (float) (gain * 0.5 * random.nextGaussian());
            mean[c] = (float) (0.5 * random.nextGaussian());
            var[c] = (float) (0.1 + 1.9 * random.nextDouble());
        }
        long[] dims = {channels};
        return node("BatchNormalization", List.of(x, constant("scale", dims, scale), constant("bias", dims, bias),
                constant("mean", dims, mean), constant("var", dims, var)), floatAttr("epsilon", 1e-3f));
    }

    String relu(String x) {
        return node("Relu", List.of(x));
    }

    /** ReLU6 as PyTorch exports it: Clip with min 0 and max 6 as constant inputs. */
    String relu6(String x) {
        return node("Clip", List.of(x, constant("min", new long[0], new float[] {0f}),
                constant("max", new long[0], new float[] {6f})));
    }

    String maxPool(String x, int k, int stride, int pad) {
        return node("MaxPool", List.of(x), OnnxProtos.ints("kernel_shape", k, k), OnnxProtos.ints("strides", stride, stride),
                OnnxProtos.ints("pads", pad, pad, pad, pad));
    }

    /** A constant operand: a float tensor of the given values. */
    String constant(String what, long[] dims, float[] values) {
        String name = what + counter++;
        graph.addInitializer(OnnxProtos.floatTensor(name, dims, values));
        return name;
    }

    String longs(String what, long... values) {
        String name = what + counter++;
        graph.addInitializer(OnnxProtos.longTensor(name, new long[] {values.length}, values));
        return name;
    }

    /** Any node; it and its first output are named after its operator and a counter. Returns the first output. */
    String node(String op, List<String> inputs, AttributeProto... attributes) {
        return node(op, inputs, 1, attributes);
    }

    /** A node with optional outputs as well (a Dropout's mask), named {first}/1, {first}/2, …. */
    String node(String op, List<String> inputs, int outputs, AttributeProto... attributes) {
        String out = op.toLowerCase() + counter++;
        List<String> names = new java.util.ArrayList<>(List.of(out));
        for (int i = 1; i < outputs; i++) {
            names.add(out + "/" + i);
        }
        graph.addNode(OnnxProtos.node(op, out, inputs, names, attributes));
        return out;
    }

    float[] gaussians(int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (std * random.nextGaussian());
        }
        return v;
    }

    ModelProto model(String output) {
        return model(output, OnnxProtos.OPSET);
    }

    ModelProto model(String output, int opset) {
        GraphProto.Builder g = graph.clone().addOutput(
                OnnxProtos.floatValueInfo(output, new long[] {-1, -1, -1, -1}, "a", "b", "c", "d"));
        return ModelProto.newBuilder().setIrVersion(OnnxProtos.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).setGraph(g).build();
    }

    static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    String bool(String what, boolean value) {
        String name = what + counter++;
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.BOOL_VALUE)
                .setRawData(com.google.protobuf.ByteString.copyFrom(new byte[] {(byte) (value ? 1 : 0)})));
        return name;
    }
}
