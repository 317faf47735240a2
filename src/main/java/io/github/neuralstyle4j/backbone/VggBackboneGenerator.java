package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Writes a VGG-shaped feature stack (3×3 convolutions, pad 1, ReLU, 2×2/2 max pooling after each stage) with the
 * ImageNet mean/std normalisation of the seed inside the graph and He-normal (fan_out) weights with zero biases,
 * as torchvision initialises VGG: std = sqrt(2 / (out_channels · 3 · 3)) (He et al. 2015). {@link java.util.Random}
 * has a specified algorithm, so a seed gives identical bytes on every machine.
 */
public final class VggBackboneGenerator {

    /** VGG19's 16 convolutions in 5 stages (configuration "E" of Simonyan &amp; Zisserman 2015). */
    public static final List<int[]> VGG19_STAGES = List.of(
            new int[] {64, 64}, new int[] {128, 128}, new int[] {256, 256, 256, 256},
            new int[] {512, 512, 512, 512}, new int[] {512, 512, 512, 512});
    public static final String DEFAULT_NAME = "vgg19-random";
    public static final long DEFAULT_SEED = 19;

    static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private VggBackboneGenerator() {
    }

    /** Generates the embedded default {@code vgg19-random} into {@code directory} unless it is already there. */
    public static Path ensureDefault(Path directory) {
        if (Files.isRegularFile(directory.resolve(Backbone.MANIFEST))) {
            return directory;
        }
        return write(directory, DEFAULT_NAME, VGG19_STAGES, DEFAULT_SEED);
    }

    /**
     * Writes a backbone folder atomically: into a temporary sibling first, then renamed, so an interrupted
     * generation never leaves a half-written backbone behind.
     */
    public static Path write(Path directory, String name, List<int[]> stages, long seed) {
        ModelProto model = model(stages, seed);
        byte[] bytes = model.toByteArray();
        BackboneManifest manifest = manifest(name, stages, seed, sha256(bytes));
        try {
            Path parent = directory.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // not createTempDirectory: that makes an owner-only folder, and this one is renamed into place
            Path tmp = Files.createDirectory(parent.resolve("." + directory.getFileName() + "." + java.util.UUID.randomUUID()));
            Files.write(tmp.resolve("features.onnx"), bytes);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(tmp.resolve(Backbone.MANIFEST).toFile(), manifest);
            try {
                Files.move(tmp, directory, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                // another process finished first: keep its copy (same bytes) and drop ours
                deleteTree(tmp);
                if (!Files.isRegularFile(directory.resolve(Backbone.MANIFEST))) {
                    throw e;
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write backbone to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The feature graph: image → (x − mean) / std → [conv → relu]* → maxpool, stage after stage. */
    public static ModelProto model(List<int[]> stages, long seed) {
        Random random = new Random(seed);
        GraphProto.Builder g = GraphProto.newBuilder().setName("vgg_features");
        g.addInput(OnnxProtos.floatValueInfo("image", new long[] {1, 3, -1, -1}, "height", "width"));
        g.addInitializer(OnnxProtos.floatTensor("mean", new long[] {1, 3, 1, 1}, IMAGENET_MEAN));
        g.addInitializer(OnnxProtos.floatTensor("std", new long[] {1, 3, 1, 1}, IMAGENET_STD));
        g.addNode(OnnxProtos.node("Sub", "centre", List.of("image", "mean"), List.of("centred")));
        g.addNode(OnnxProtos.node("Div", "normalise", List.of("centred", "std"), List.of("normalized")));
        String x = "normalized";
        int in = 3;
        for (int s = 0; s < stages.size(); s++) {
            int[] widths = stages.get(s);
            for (int c = 0; c < widths.length; c++) {
                int out = widths[c];
                String id = (s + 1) + "_" + (c + 1);
                g.addInitializer(OnnxProtos.floatTensor("conv" + id + ".weight", new long[] {out, in, 3, 3},
                        heNormalFanOut(random, out, in)));
                g.addInitializer(OnnxProtos.floatTensor("conv" + id + ".bias", new long[] {out}, new float[out]));
                g.addNode(OnnxProtos.node("Conv", "conv" + id,
                        List.of(x, "conv" + id + ".weight", "conv" + id + ".bias"), List.of("conv" + id),
                        OnnxProtos.ints("kernel_shape", 3, 3), OnnxProtos.ints("pads", 1, 1, 1, 1),
                        OnnxProtos.ints("strides", 1, 1)));
                g.addNode(OnnxProtos.node("Relu", "relu" + id, List.of("conv" + id), List.of("relu" + id)));
                x = "relu" + id;
                in = out;
            }
            g.addNode(OnnxProtos.node("MaxPool", "pool" + (s + 1), List.of(x), List.of("pool" + (s + 1)),
                    OnnxProtos.ints("kernel_shape", 2, 2), OnnxProtos.ints("strides", 2, 2)));
            x = "pool" + (s + 1);
        }
        g.addOutput(OnnxProtos.floatValueInfo(x, new long[] {1, in, -1, -1}, "out_height", "out_width"));
        return ModelProto.newBuilder().setIrVersion(OnnxProtos.IR_VERSION).setProducerName("neuralstyle4j")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxProtos.OPSET))
                .setGraph(g).build();
    }

    private static float[] heNormalFanOut(Random random, int out, int in) {
        double std = Math.sqrt(2.0 / (out * 3 * 3));
        float[] w = new float[out * in * 9];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * std);
        }
        return w;
    }

    /**
     * Layer names in both conventions: {@code conv3_1} with alias {@code conv_5} (the seed counts convolutions),
     * {@code relu3_1}/{@code relu_5}, and {@code pool3} with alias {@code pool_8} (the seed names a pool after the
     * number of convolutions before it).
     */
    private static BackboneManifest manifest(String name, List<int[]> stages, long seed, String sha256) {
        List<BackboneManifest.Layer> layers = new ArrayList<>();
        int k = 0;
        for (int s = 0; s < stages.size(); s++) {
            for (int c = 0; c < stages.get(s).length; c++) {
                k++;
                String id = (s + 1) + "_" + (c + 1);
                layers.add(new BackboneManifest.Layer("conv" + id, List.of("conv_" + k), "conv" + id, "conv"));
                layers.add(new BackboneManifest.Layer("relu" + id, List.of("relu_" + k), "relu" + id, "relu"));
            }
            layers.add(new BackboneManifest.Layer("pool" + (s + 1), List.of("pool_" + k), "pool" + (s + 1), "pool"));
        }
        List<Double> mean = new ArrayList<>();
        List<Double> std = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mean.add((double) IMAGENET_MEAN[i]);
            std.add((double) IMAGENET_STD[i]);
        }
        return new BackboneManifest(name, "features.onnx", "image",
                new BackboneManifest.Normalization(mean, std, true), layers,
                new BackboneManifest.Provenance("generated by neuralstyle4j (random weights, not pretrained)",
                        "he-normal fan_out, zero bias, java.util.Random", seed, sha256));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
