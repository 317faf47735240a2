package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a whole image classifier in ONNX (a torchvision export, the ONNX Model Zoo's VGG files) into a backbone
 * folder without Python: the graph is cut after its convolutional feature stack, where the classifier head begins,
 * its input becomes {@code image} (RGB in [0,1]) with the mean/std normalisation the network expects inserted in
 * front, and its layers get names. A VGG-shaped stack (conv, optional batch norm, relu, ..., max pool) gets both
 * naming conventions of {@link VggBackboneGenerator} ({@code conv3_1} / {@code conv_5}); any other stack the seed's
 * ({@code conv_k}, {@code bn_k}, {@code relu_k}, {@code pool_k}, k = convolutions so far).
 */
public final class BackboneImporter {

    /** Operators that begin a classifier head: the feature stack ends before the first of them. */
    static final Set<String> HEAD_OPS = Set.of("Flatten", "Reshape", "Gemm", "MatMul", "GlobalAveragePool",
            "GlobalMaxPool", "Squeeze", "ReduceMean", "Softmax");
    /** Operators the cut may follow; anything else between the stack and the head (an adaptive pool) is dropped. */
    static final Set<String> STACK_OPS = Set.of("Conv", "Relu", "MaxPool", "BatchNormalization", "Clip", "LeakyRelu",
            "Add", "Concat");
    /**
     * Operators whose forms from opset 7 to 17 mean the same for float32 inputs, so an old model using only them
     * (and BatchNormalization and Clip, whose old attributes are rewritten) can declare opset 17, which the gradient
     * graph needs (MaxPool's Indices output, ScatterElements with reduction).
     */
    static final Set<String> UPGRADABLE_OPS = Set.of("Conv", "Relu", "LeakyRelu", "PRelu", "Elu", "Sigmoid", "Tanh",
            "MaxPool", "AveragePool", "Add", "Sub", "Mul", "Div", "Sum", "Identity", "Constant", "Concat", "LRN",
            "BatchNormalization", "Clip", "InstanceNormalization");
    static final int OLDEST_OPSET = 7;

    private BackboneImporter() {
    }

    /**
     * The outcome of an import.
     *
     * @param model     the feature graph
     * @param manifest  its backbone.json (sha256 not yet set)
     * @param vggShaped whether the stack got VGG names
     * @param cutAfter  the layer the graph now ends with
     * @param cutNode   the source node it ends with, e.g. {@code MaxPool '/features/features.30/MaxPool'}
     * @param dropped   how many source nodes were left out (the classifier head)
     */
    public record Imported(ModelProto model, BackboneManifest manifest, boolean vggShaped, String cutAfter,
                           String cutNode, int dropped) {
    }

    /** Reads {@code file}, converts it and writes the backbone folder {@code directory}, which must not exist yet. */
    public static Imported importFile(Path file, Path directory, String name, InputNormalization normalization) {
        // "not found" for /dev/urandom would send the user looking for a file that is there
        io.github.neuralstyle4j.files.InputFiles.requireRegularFile(file, "ONNX file", Integer.MAX_VALUE,
                BackboneException::new);
        if (Files.exists(directory)) {
            throw new BackboneException(directory + " already exists; remove it or choose another --out");
        }
        ModelProto source = read(file);
        String digest = BackboneFolders.sha256(file);
        Imported imported;
        try {
            imported = convert(source, name, normalization,
                    "imported by neuralstyle4j from " + file.getFileName() + " (sha256 " + digest + ")");
        } catch (BackboneException e) {
            throw new BackboneException(file + ": " + e.getMessage(), e);
        }
        byte[] bytes = imported.model().toByteArray();
        BackboneManifest m = imported.manifest();
        BackboneManifest manifest = new BackboneManifest(m.name(), m.model(), m.input(), m.normalization(), m.layers(),
                new BackboneManifest.Provenance(m.weights().source(), m.weights().initialisation(), null,
                        BackboneFolders.sha256(bytes)));
        BackboneFolders.write(directory, bytes, manifest);
        return new Imported(imported.model(), manifest, imported.vggShaped(), imported.cutAfter(),
                imported.cutNode(), imported.dropped());
    }

    static ModelProto read(Path file) {
        ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            model = ModelProto.parseFrom(in);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new BackboneException(file + ": not an ONNX model (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new BackboneException(file + ": not an ONNX model (no graph)");
        }
        return model;
    }

    /** The conversion itself, on protobufs. */
    public static Imported convert(ModelProto source, String name, InputNormalization normalization, String origin) {
        GraphProto g = source.getGraph();
        Map<String, TensorProto> initializers = new LinkedHashMap<>();
        g.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        ValueInfoProto input = imageInput(g, initializers.keySet());
        long opset = source.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OperatorSetIdProto::getVersion).max().orElse(1);
        if (opset < OLDEST_OPSET) {
            throw new BackboneException("opset " + opset + " is older than the importer reads (" + OLDEST_OPSET + "+)");
        }

        Map<String, NodeProto> producers = new HashMap<>();
        g.getNodeList().forEach(n -> n.getOutputList().forEach(o -> producers.put(o, n)));
        Set<String> variable = new HashSet<>(Set.of(input.getName()));
        NodeProto head = null;
        for (NodeProto n : g.getNodeList()) {
            if (n.getInputList().stream().anyMatch(variable::contains)) {
                if (HEAD_OPS.contains(n.getOpType())) {
                    head = n;
                    break;
                }
                variable.addAll(n.getOutputList());
            }
        }
        String cut = head != null ? firstVariableInput(head, variable) : g.getOutput(0).getName();
        while (producers.containsKey(cut) && !STACK_OPS.contains(producers.get(cut).getOpType())) {
            cut = firstVariableInput(producers.get(cut), variable);
        }
        NodeProto last = producers.get(cut);
        if (last == null) {
            throw new BackboneException("no convolution stack found before the classifier"
                    + (head != null ? " (it begins with " + describe(head) + ")" : ""));
        }

        List<NodeProto> kept = new FeatureGraph(source, input.getName()).nodesFor(List.of(cut));
        kept = simplify(kept, initializers.keySet());
        if (kept.stream().noneMatch(n -> n.getOpType().equals("Conv"))) {
            throw new BackboneException("no convolution stack found before the classifier (the graph ends with "
                    + describe(last) + ")");
        }
        if (opset < OnnxProtos.OPSET) {
            kept = upgrade(kept, opset);
        }

        TensorNames names = new TensorNames(kept, initializers.keySet(), input.getName());
        Map<String, String> rename = new HashMap<>();
        String image = "image";
        List<NodeProto> nodes = new ArrayList<>();
        Map<String, TensorProto> newInitializers = new LinkedHashMap<>();
        if (normalization.isNone()) {
            names.free(image, rename);
            rename.put(input.getName(), image);
        } else {
            names.free(image, rename);
            String normalised = input.getName().equals(image) ? names.fresh("image.normalized") : input.getName();
            if (!normalised.equals(input.getName())) {
                rename.put(input.getName(), normalised);
            }
            String mean = names.fresh("mean");
            String std = names.fresh("std");
            String centred = names.fresh("centred");
            newInitializers.put(mean, OnnxProtos.floatTensor(mean, new long[] {1, 3, 1, 1}, normalization.mean()));
            newInitializers.put(std, OnnxProtos.floatTensor(std, new long[] {1, 3, 1, 1}, normalization.std()));
            nodes.add(OnnxProtos.node("Sub", "centre", List.of(image, mean), List.of(centred)));
            nodes.add(OnnxProtos.node("Div", "normalise", List.of(centred, std), List.of(normalised)));
        }

        LayerNaming.Naming naming = LayerNaming.name(kept);
        List<BackboneManifest.Layer> layers = new ArrayList<>();
        for (LayerNaming.Naming.Tap tap : naming.taps()) {
            String tensor = tap.node().getOutput(0);
            String target = names.isFree(tap.name()) ? tap.name() : tensor;
            if (!target.equals(tensor)) {
                names.take(target);
                rename.put(tensor, target);
            }
            layers.add(new BackboneManifest.Layer(tap.name(), tap.aliases(), target, tap.kind()));
        }
        for (NodeProto n : kept) {
            nodes.add(renamed(n, rename));
        }
        Set<String> used = new HashSet<>();
        nodes.forEach(n -> used.addAll(n.getInputList()));
        initializers.values().stream().filter(t -> used.contains(t.getName())).forEach(t -> newInitializers.put(t.getName(), t));

        String output = rename.getOrDefault(cut, cut);
        GraphProto.Builder graph = GraphProto.newBuilder().setName(name + "_features")
                .addInput(OnnxProtos.floatValueInfo(image, new long[] {1, 3, -1, -1}, "height", "width"))
                .addAllNode(nodes).addAllInitializer(newInitializers.values());
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(Math.max(OnnxProtos.IR_VERSION, source.getIrVersion()))
                .setProducerName("neuralstyle4j backbone import").setDocString(origin)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(Math.max(opset, OnnxProtos.OPSET)));
        source.getOpsetImportList().stream().filter(o -> !o.getDomain().isEmpty() && !o.getDomain().equals("ai.onnx"))
                .forEach(model::addOpsetImport);
        graph.addOutput(outputInfo(model.setGraph(graph).build(), output));
        ModelProto features = model.setGraph(graph).build();

        BackboneManifest.Normalization norm = normalization.isNone() ? null
                : new BackboneManifest.Normalization(doubles(normalization.mean()), doubles(normalization.std()), true);
        BackboneManifest manifest = new BackboneManifest(name, "features.onnx", image, norm, layers,
                new BackboneManifest.Provenance(origin, "as in the imported model"
                        + (source.getProducerName().isEmpty() ? "" : " (produced by " + source.getProducerName()
                        + (source.getProducerVersion().isEmpty() ? "" : " " + source.getProducerVersion()) + ")"),
                        null, null));
        String cutAfter = layers.stream().filter(l -> l.tensor().equals(output)).map(BackboneManifest.Layer::name)
                .findFirst().orElse(output);
        return new Imported(features, manifest, naming.vggShaped(), cutAfter, describe(last),
                g.getNodeCount() - kept.size());
    }

    /** The one graph input that is not an initializer (old IR versions list the weights as inputs too). */
    private static ValueInfoProto imageInput(GraphProto g, Set<String> initializers) {
        List<ValueInfoProto> inputs = g.getInputList().stream().filter(v -> !initializers.contains(v.getName())).toList();
        if (inputs.size() != 1) {
            throw new BackboneException("expected one image input, found " + inputs.size() + " ("
                    + String.join(", ", inputs.stream().map(ValueInfoProto::getName).toList()) + ")");
        }
        ValueInfoProto in = inputs.get(0);
        if (in.getType().hasTensorType()) {
            var t = in.getType().getTensorType();
            if (t.getElemType() != 0 && t.getElemType() != TensorProto.DataType.FLOAT_VALUE) {
                throw new BackboneException("input '" + in.getName() + "' is not float32 (ONNX element type "
                        + t.getElemType() + ")");
            }
            if (t.hasShape()) {
                List<TensorShapeProto.Dimension> dims = t.getShape().getDimList();
                if (dims.size() != 4) {
                    throw new BackboneException("input '" + in.getName() + "' has rank " + dims.size()
                            + "; an image input is [N,3,H,W]");
                }
                if (dims.get(1).hasDimValue() && dims.get(1).getDimValue() != 3) {
                    throw new BackboneException("input '" + in.getName() + "' has " + dims.get(1).getDimValue()
                            + " channels; a backbone needs 3 (RGB)");
                }
            }
        }
        for (NodeProto n : g.getNodeList()) {   // a symbolic channel count: the first convolution says it
            if (n.getOpType().equals("Conv") && n.getInput(0).equals(in.getName())) {
                TensorProto w = g.getInitializerList().stream().filter(t -> t.getName().equals(n.getInput(1)))
                        .findFirst().orElse(null);
                if (w != null && w.getDimsCount() == 4) {
                    long channels = w.getDims(1) * OnnxProtos.intAttr(n, "group", 1);
                    if (channels != 3) {
                        throw new BackboneException("input '" + in.getName() + "' feeds a convolution over " + channels
                                + " channels; a backbone needs 3 (RGB)");
                    }
                }
            }
        }
        return in;
    }

    private static String firstVariableInput(NodeProto n, Set<String> variable) {
        return n.getInputList().stream().filter(variable::contains).findFirst().orElseThrow(
                () -> new BackboneException(describe(n) + " does not depend on the image input"));
    }

    /**
     * torch.onnx.export writes Identity(initializer) for weights with equal values: the initializer itself is used
     * instead, so every weight is a constant. A Dropout (an identity at inference) becomes an Identity.
     */
    private static List<NodeProto> simplify(List<NodeProto> nodes, Set<String> initializers) {
        Map<String, String> alias = new HashMap<>();
        List<NodeProto> out = new ArrayList<>();
        for (NodeProto n : nodes) {
            if (n.getOpType().equals("Identity") && initializers.contains(n.getInput(0))) {
                alias.put(n.getOutput(0), n.getInput(0));
            } else if (n.getOpType().equals("Dropout")) {
                out.add(OnnxProtos.node("Identity", n.getName(), List.of(n.getInput(0)), List.of(n.getOutput(0))));
            } else {
                out.add(n);
            }
        }
        return alias.isEmpty() ? out : out.stream().map(n -> renamed(n, alias)).toList();
    }

    /**
     * Rewrites the old forms of BatchNormalization (spatial, is_test, consumed_inputs) and Clip (min / max as
     * attributes before opset 11), so the graph can declare opset 17; other operators must be ones whose meaning
     * did not change.
     */
    private static List<NodeProto> upgrade(List<NodeProto> nodes, long opset) {
        List<NodeProto> out = new ArrayList<>();
        int constants = 0;
        for (NodeProto n : nodes) {
            if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
                out.add(n);
                continue;
            }
            if (!UPGRADABLE_OPS.contains(n.getOpType())) {
                throw new BackboneException(describe(n) + ": the importer upgrades opset " + opset + " models to "
                        + OnnxProtos.OPSET + " and does not know the older form of " + n.getOpType());
            }
            NodeProto.Builder b = n.toBuilder();
            if (n.getOpType().equals("BatchNormalization")) {
                if (OnnxProtos.intAttr(n, "spatial", 1) != 1) {
                    throw new BackboneException(describe(n) + ": BatchNormalization with spatial=0 is not supported");
                }
                b.clearAttribute().addAllAttribute(n.getAttributeList().stream()
                        .filter(a -> !Set.of("spatial", "is_test", "consumed_inputs").contains(a.getName())).toList());
                b.clearOutput().addOutput(n.getOutput(0));   // the running statistics outputs of old training forms
            } else if (n.getOpType().equals("Clip") && opset < 11) {
                b.clearAttribute();
                List<String> inputs = new ArrayList<>(List.of(n.getInput(0)));
                for (String bound : List.of("min", "max")) {
                    var a = OnnxProtos.attribute(n, bound);
                    if (a.isPresent()) {
                        String c = n.getOutput(0) + "/" + bound + (constants++);
                        out.add(OnnxProtos.node("Constant", c, List.of(), List.of(c), OnnxProtos.tensor("value",
                                OnnxProtos.floatTensor(c, new long[0], new float[] {a.get().getF()}))));
                        inputs.add(c);
                    } else {
                        inputs.add("");
                    }
                }
                b.clearInput().addAllInput(inputs);
            }
            out.add(b.build());
        }
        return out;
    }

    private static NodeProto renamed(NodeProto n, Map<String, String> rename) {
        if (rename.isEmpty()) {
            return n;
        }
        NodeProto.Builder b = n.toBuilder().clearInput().clearOutput();
        n.getInputList().forEach(i -> b.addInput(rename.getOrDefault(i, i)));
        n.getOutputList().forEach(o -> b.addOutput(rename.getOrDefault(o, o)));
        return b.build();
    }

    /** The output's value info: [1, C, out_height, out_width] when the shape analysis knows C. */
    private static ValueInfoProto outputInfo(ModelProto model, String output) {
        long channels = -1;
        try {
            FeatureGraph graph = new FeatureGraph(model, "image");
            channels = graph.inferShapes(graph.nodesFor(List.of(output)), 224, 224).get(output)[1];
        } catch (BackboneException e) {
            // an operator the shape analysis does not know: leave the channels symbolic
        }
        return channels > 0
                ? OnnxProtos.floatValueInfo(output, new long[] {1, channels, -1, -1}, "out_height", "out_width")
                : OnnxProtos.floatValueInfo(output, new long[] {1, -1, -1, -1}, "channels", "out_height", "out_width");
    }


    private static String describe(NodeProto n) {
        return n.getOpType() + (n.getName().isEmpty() ? " producing '" + n.getOutput(0) + "'" : " '" + n.getName() + "'");
    }

    private static List<Double> doubles(float[] v) {
        List<Double> out = new ArrayList<>();
        for (float x : v) {
            out.add(Double.parseDouble(Float.toString(x)));   // 0.485, not 0.48500001430511475
        }
        return out;
    }
}
