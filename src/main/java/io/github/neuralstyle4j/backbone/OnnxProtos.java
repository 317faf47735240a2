package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Small builders and readers for the ONNX protobuf messages, so graph code reads like the graph it builds. */
public final class OnnxProtos {

    /** The opset our generated graphs declare: 16 is the first with ScatterElements(reduction=add). */
    public static final int OPSET = 17;
    /** IR version matching {@link #OPSET} (ONNX 1.12). */
    public static final long IR_VERSION = 8;

    private OnnxProtos() {
    }

    public static NodeProto node(String opType, String name, List<String> inputs, List<String> outputs,
                                 AttributeProto... attributes) {
        return NodeProto.newBuilder().setOpType(opType).setName(name)
                .addAllInput(inputs).addAllOutput(outputs)
                .addAllAttribute(Arrays.asList(attributes)).build();
    }

    public static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return b.build();
    }

    public static AttributeProto ints(String name, List<Long> values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS)
                .addAllInts(values).build();
    }

    public static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(value)).build();
    }

    public static AttributeProto tensor(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(value).build();
    }

    /** A float tensor stored as little-endian raw bytes (the compact form, and byte-for-byte reproducible). */
    public static TensorProto floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(boxed(dims)).setRawData(com.google.protobuf.ByteString.copyFrom(raw.array())).build();
    }

    public static TensorProto longTensor(String name, long[] dims, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addAllDims(boxed(dims)).setRawData(com.google.protobuf.ByteString.copyFrom(raw.array())).build();
    }

    /** Reads a float tensor whatever its storage (raw bytes or float_data). External data is not supported here. */
    public static float[] floats(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new BackboneException("tensor '" + t.getName() + "' is not float32");
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new BackboneException("tensor '" + t.getName() + "' uses external data, which is not supported yet");
        }
        if (!t.getRawData().isEmpty()) {
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[raw.remaining() / Float.BYTES];
            raw.asFloatBuffer().get(out);
            return out;
        }
        float[] out = new float[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }

    /** Reads an int64 tensor (a shape, pads, split sizes) whatever its storage (raw bytes or int64_data). */
    public static long[] longs(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.INT64_VALUE) {
            throw new BackboneException("tensor '" + t.getName() + "' is not int64");
        }
        if (!t.getRawData().isEmpty()) {
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long[] out = new long[raw.remaining() / Long.BYTES];
            raw.asLongBuffer().get(out);
            return out;
        }
        return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
    }

    public static long[] dims(TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** A float32 value-info; a negative dimension becomes a symbolic one named by {@code symbols}. */
    public static ValueInfoProto floatValueInfo(String name, long[] dims, String... symbols) {
        return valueInfo(name, TensorProto.DataType.FLOAT_VALUE, dims, symbols);
    }

    public static ValueInfoProto valueInfo(String name, int elemType, long[] dims, String... symbols) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        int symbol = 0;
        for (long d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d >= 0) {
                dim.setDimValue(d);
            } else {
                dim.setDimParam(symbols[symbol++]);
            }
            shape.addDim(dim);
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    public static Optional<AttributeProto> attribute(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    public static long[] intsAttr(NodeProto node, String name, long[] fallback) {
        return attribute(node, name).map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray())
                .orElse(fallback);
    }

    public static long intAttr(NodeProto node, String name, long fallback) {
        return attribute(node, name).map(AttributeProto::getI).orElse(fallback);
    }

    public static float floatAttr(NodeProto node, String name, float fallback) {
        return attribute(node, name).map(AttributeProto::getF).orElse(fallback);
    }

    public static String stringAttr(NodeProto node, String name, String fallback) {
        return attribute(node, name).map(a -> a.getS().toStringUtf8()).orElse(fallback);
    }

    private static List<Long> boxed(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
