package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link Backbone#open} checks of a model before anything runs: an RGB image input, an opset this ONNX Runtime
 * loads, and external weight files that stay inside the backbone folder (which are then read into the model, since
 * the sessions are built from bytes).
 */
final class BackboneChecks {

    /** Opsets already tried on this runtime: the probe is cheap but needs no repeating. */
    private static final Map<Long, Boolean> LOADABLE = new ConcurrentHashMap<>();

    private BackboneChecks() {
    }

    /** The graph input must be [N, 3, H, W] where its shape is declared: the backbone reads RGB images. */
    static void checkRgbInput(ModelProto model, String input) {
        for (ValueInfoProto v : model.getGraph().getInputList()) {
            if (!v.getName().equals(input) || !v.getType().hasTensorType()
                    || !v.getType().getTensorType().hasShape()) {
                continue;
            }
            List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
            if (dims.size() != 4) {
                throw new BackboneException("input '" + input + "' has rank " + dims.size()
                        + "; a backbone takes images as [1, 3, H, W]");
            }
            if (dims.get(1).hasDimValue() && dims.get(1).getDimValue() != 3) {
                throw new BackboneException("input '" + input + "' has " + dims.get(1).getDimValue()
                        + " channels; a backbone takes RGB images, 3 channels");
            }
        }
    }

    /**
     * The model's default-domain opset must be one this ONNX Runtime loads. Asked of the runtime itself with a
     * one-node model, so the answer is exact for whatever ORT version is on the class path.
     */
    static void checkOpset(ModelProto model) {
        long opset = model.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OperatorSetIdProto::getVersion).max().orElse(1);
        if (!LOADABLE.computeIfAbsent(opset, BackboneChecks::runtimeLoads)) {
            throw new BackboneException("the model declares opset " + opset + ", which this ONNX Runtime ("
                    + OrtStartup.environment().getVersion() + ") cannot load; re-export it with an older opset"
                    + " (tools/export_backbone.py --opset 17)");
        }
    }

    private static boolean runtimeLoads(long opset) {
        ModelProto probe = ModelProto.newBuilder().setIrVersion(OnnxProtos.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(GraphProto.newBuilder().setName("probe")
                        .addNode(OnnxProtos.node("Identity", "probe", List.of("x"), List.of("y")))
                        .addInput(OnnxProtos.floatValueInfo("x", new long[] {1}))
                        .addOutput(OnnxProtos.floatValueInfo("y", new long[] {1})))
                .build();
        OrtEnvironment env = OrtStartup.environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession ignored = env.createSession(probe.toByteArray(), options)) {
            return true;
        } catch (OrtException e) {
            return false;
        }
    }

    /**
     * Reads tensors stored in external files into the model. A location must be a relative path that stays inside
     * {@code folder}: a downloaded backbone must not make us read {@code /etc/shadow} or {@code ../../secrets}.
     */
    static ModelProto inlineExternalData(ModelProto model, Path folder) {
        GraphProto graph = model.getGraph();
        boolean any = graph.getInitializerList().stream().anyMatch(BackboneChecks::isExternal)
                || graph.getNodeList().stream().flatMap(n -> n.getAttributeList().stream())
                .anyMatch(a -> a.hasT() && isExternal(a.getT()));
        if (!any) {
            return model;
        }
        GraphProto.Builder g = graph.toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (isExternal(g.getInitializer(i))) {
                g.setInitializer(i, inline(g.getInitializer(i), folder));
            }
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto.Builder n = g.getNodeBuilder(i);
            for (int a = 0; a < n.getAttributeCount(); a++) {
                if (n.getAttribute(a).hasT() && isExternal(n.getAttribute(a).getT())) {
                    n.getAttributeBuilder(a).setT(inline(n.getAttribute(a).getT(), folder));
                }
            }
        }
        return model.toBuilder().setGraph(g).build();
    }

    private static boolean isExternal(TensorProto t) {
        return t.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
    }

    private static TensorProto inline(TensorProto t, Path folder) {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = parseSize(t, e);
                case "length" -> length = parseSize(t, e);
                default -> { } // checksum and others are optional
            }
        }
        if (location == null) {
            throw new BackboneException("tensor '" + t.getName() + "' has external data without a location");
        }
        Path base = folder.toAbsolutePath().normalize();
        Path file;
        try {
            file = base.resolve(location).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new BackboneException("tensor '" + t.getName() + "': invalid external data path '" + location + "'");
        }
        if (Path.of(location).isAbsolute() || !file.startsWith(base)) {
            throw new BackboneException("tensor '" + t.getName() + "' keeps its data in '" + location
                    + "', outside the backbone folder; refused");
        }
        String problem = io.github.neuralstyle4j.files.InputFiles.problem(file, Long.MAX_VALUE);
        if (problem != null) {
            throw new BackboneException("tensor '" + t.getName() + "': external data " + location + " " + problem);
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            byte[] data = length < 0 ? in.readAllBytes() : in.readNBytes(Math.toIntExact(length));
            if (length >= 0 && data.length != length) {
                throw new BackboneException("tensor '" + t.getName() + "': " + location + " ends before its "
                        + length + " bytes");
            }
            return t.toBuilder().clearExternalData().setDataLocation(TensorProto.DataLocation.DEFAULT)
                    .setRawData(ByteString.copyFrom(data)).build();
        } catch (IOException | ArithmeticException e) {
            throw new BackboneException("tensor '" + t.getName() + "': cannot read external data " + location
                    + ": " + e, e);
        }
    }

    private static long parseSize(TensorProto t, StringStringEntryProto e) {
        try {
            long v = Long.parseLong(e.getValue());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException bad) {
            throw new BackboneException("tensor '" + t.getName() + "': external data " + e.getKey() + " '"
                    + e.getValue() + "' is not a size");
        }
    }
}
