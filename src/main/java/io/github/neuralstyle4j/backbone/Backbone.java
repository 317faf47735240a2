package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.github.neuralstyle4j.files.InputFiles;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An opened backbone folder: manifest, graph, and the mapping from layer names (and aliases) to tensors. */
public final class Backbone {

    public static final String MANIFEST = "backbone.json";
    /** A manifest lists a few dozen layers in a few KB. */
    static final long MAX_MANIFEST_BYTES = 1L << 20;

    private final Path directory;
    private final BackboneManifest manifest;
    private final FeatureGraph graph;
    private final Map<String, String> tensorByName = new LinkedHashMap<>();

    private Backbone(Path directory, BackboneManifest manifest, ModelProto model) {
        this.directory = directory;
        this.manifest = manifest;
        this.graph = new FeatureGraph(model, manifest.input());
        for (BackboneManifest.Layer layer : manifest.layers()) {
            if (!graph.hasTensor(layer.tensor())) {
                throw new BackboneException(directory.resolve(MANIFEST) + ": layer '" + layer.name()
                        + "' names tensor '" + layer.tensor() + "', which the graph does not have");
            }
            tensorByName.put(layer.name(), layer.tensor());
            layer.aliases().forEach(alias -> tensorByName.put(alias, layer.tensor()));
        }
    }

    public static Backbone open(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new BackboneException("backbone folder not found: " + directory);
        }
        Path manifestFile = directory.resolve(MANIFEST);
        if (!Files.exists(manifestFile)) {
            throw new BackboneException(directory + " is not a backbone folder: it has no " + MANIFEST);
        }
        InputFiles.requireRegularFile(manifestFile, "backbone manifest", MAX_MANIFEST_BYTES, BackboneException::new);
        BackboneManifest manifest;
        try {
            manifest = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(manifestFile.toFile(), BackboneManifest.class);
        } catch (IOException e) {
            throw new BackboneException(manifestFile + ": unreadable manifest: " + e.getMessage(), e);
        }
        Path modelFile = modelFile(directory, manifestFile, manifest);
        ModelProto model;
        try (InputStream in = Files.newInputStream(modelFile)) {
            model = ModelProto.parseFrom(in);
        } catch (IOException e) {
            throw new BackboneException(modelFile + ": not a readable ONNX model: " + e.getMessage(), e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new BackboneException(modelFile + ": not an ONNX model (no graph)");
        }
        try {
            BackboneChecks.checkOpset(model);
            BackboneChecks.checkRgbInput(model, manifest.input());
            model = BackboneChecks.inlineExternalData(model, directory);
            checkLayers(manifestFile, manifest);
            return new Backbone(directory, manifest, model);
        } catch (BackboneException e) {
            throw new BackboneException(modelFile + ": " + e.getMessage(), e);
        }
    }

    /** After the model: a fuzzed or hand-written manifest's layers matter only once the graph is known good. */
    private static void checkLayers(Path manifestFile, BackboneManifest manifest) {
        if (manifest.layers().isEmpty()) {
            throw new BackboneException(manifestFile + ": no \"layers\" (each with a \"name\" and the graph"
                    + " \"tensor\" it taps)");
        }
        for (BackboneManifest.Layer layer : manifest.layers()) {
            if (layer.name() == null || layer.name().isBlank() || layer.tensor() == null || layer.tensor().isBlank()) {
                throw new BackboneException(manifestFile + ": every layer needs a \"name\" and a \"tensor\"");
            }
        }
    }

    /** The manifest's model file: named, a relative path inside the folder, a regular file of at most 2 GB. */
    private static Path modelFile(Path directory, Path manifestFile, BackboneManifest manifest) {
        if (manifest.model() == null || manifest.model().isBlank()) {
            throw new BackboneException(manifestFile + ": no \"model\" (the ONNX file in the folder, e.g."
                    + " \"features.onnx\")");
        }
        Path modelFile;
        try {
            modelFile = directory.resolve(manifest.model()).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new BackboneException(manifestFile + ": \"model\" is not a valid path: " + e.getReason(), e);
        }
        if (Path.of(manifest.model()).isAbsolute() || !modelFile.startsWith(directory.normalize())) {
            throw new BackboneException(manifestFile + ": \"model\" must be a file inside the backbone folder, not "
                    + manifest.model());
        }
        // protobuf cannot parse a model over 2 GB anyway (larger weights go to external data files)
        InputFiles.requireRegularFile(modelFile, "model", Integer.MAX_VALUE, BackboneException::new);
        return modelFile;
    }

    public Path directory() {
        return directory;
    }

    public BackboneManifest manifest() {
        return manifest;
    }

    public FeatureGraph graph() {
        return graph;
    }

    /** Every accepted layer name (canonical names and aliases), in graph order. */
    public List<String> layerNames() {
        return new ArrayList<>(tensorByName.keySet());
    }

    public boolean hasLayer(String name) {
        return tensorByName.containsKey(name);
    }

    /** The graph tensor of a layer; an unknown name is an error listing the valid ones. */
    public String tensorFor(String layerName) {
        String tensor = tensorByName.get(layerName);
        if (tensor == null) {
            throw new BackboneException("unknown layer '" + layerName + "' in backbone " + manifest.name()
                    + "; expected one of: " + String.join(", ", tensorByName.keySet()));
        }
        return tensor;
    }

    /** Shapes of every listed layer for an image of the given size (nothing is run). */
    public Map<BackboneManifest.Layer, long[]> layerShapes(long height, long width) {
        List<String> tensors = manifest.layers().stream().map(BackboneManifest.Layer::tensor).toList();
        Map<String, long[]> shapes = graph.inferShapes(graph.nodesFor(tensors), height, width);
        Map<BackboneManifest.Layer, long[]> out = new LinkedHashMap<>();
        manifest.layers().forEach(l -> out.put(l, shapes.get(l.tensor())));
        return out;
    }
}
