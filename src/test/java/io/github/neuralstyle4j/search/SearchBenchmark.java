package io.github.neuralstyle4j.search;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.engine.ExecutionOptions;
import io.github.neuralstyle4j.engine.OrtRuntime;
import io.github.neuralstyle4j.image.ImageLoading;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Not a test: indexing rate on real images and HNSW query latency on synthetic unit vectors.
 * <pre>
 * mvn -q -B package -DskipTests
 * java -cp 'target/classes:target/test-classes:target/lib/*' io.github.neuralstyle4j.search.SearchBenchmark ../shared/images
 * </pre>
 */
public final class SearchBenchmark {

    public static void main(String[] args) throws Exception {
        Path images = Path.of(args.length > 0 ? args[0] : "../shared/images");
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 224;
        Backbone bb = Backbone.open(BackboneLocator.resolve("onnx/vgg19-random", System.err::println));
        OrtRuntime rt = new OrtRuntime(ExecutionOptions.cpu());
        List<Path> files;
        try (Stream<Path> s = Files.list(images)) {
            files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        Path tmp = Files.createTempDirectory("search-bench");
        int dim;
        long t0 = System.nanoTime();
        try (ImageDescriber d = new ImageDescriber(rt, bb, "pool5", Descriptor.CONTENT, size)) {
            System.out.printf("open (sha256 of features.onnx + pruned session): %.2f s%n", (System.nanoTime() - t0) / 1e9);
            dim = d.settings().dimension();
            d.describe(ImageLoading.read(files.get(0)));   // warm-up
            try (ImageIndex idx = ImageIndex.openForWriting(tmp.resolve("real"))) {
                idx.bind(d.settings());
                for (int rep = 0; rep < 2; rep++) {
                    long t = System.nanoTime();
                    double decode = 0;
                    for (Path f : files) {
                        long td = System.nanoTime();
                        var img = ImageLoading.read(f);
                        decode += (System.nanoTime() - td) / 1e9;
                        idx.put(f.toString(), Files.size(f), 0, d.describe(img));
                    }
                    double s = (System.nanoTime() - t) / 1e9;
                    System.out.printf("pass %d: %d real images at %d px (vgg19-random pool5, content): %.2f images/s"
                            + " (%.3f s/image, of which JPEG decode %.3f s)%n", rep + 1, files.size(), size,
                            files.size() / s, s / files.size(), decode / files.size());
                }
            }
        }
        for (int n : new int[] {10_000, 100_000}) {
            syntheticLatency(tmp.resolve("synthetic-" + n), n, dim);
        }
    }

    static void syntheticLatency(Path dir, int n, int dim) {
        Random rnd = new Random(42);
        ImageIndex.Settings settings = new ImageIndex.Settings("synthetic", "0".repeat(64), "pool5", "pool5",
                "content", 224, dim);
        long t = System.nanoTime();
        try (ImageIndex idx = ImageIndex.openForWriting(dir)) {
            idx.bind(settings);
            for (int i = 0; i < n; i++) {
                idx.put("v" + i, 0, 0, unit(rnd, dim));
            }
        }
        double build = (System.nanoTime() - t) / 1e9;
        int queries = 200;
        double[] ms = new double[queries];
        for (int w = 0; w < 20; w++) {
            ImageIndex.query(dir, unit(rnd, dim), 10);
        }
        for (int q = 0; q < queries; q++) {
            float[] v = unit(rnd, dim);
            long tq = System.nanoTime();
            ImageIndex.query(dir, v, 10);
            ms[q] = (System.nanoTime() - tq) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%d synthetic unit vectors, dim %d: build+commit %.1f s; top-10 query (opening the reader"
                + " each time, as the CLI does) median %.2f ms, p95 %.2f ms%n", n, dim, build, ms[queries / 2],
                ms[queries * 95 / 100]);
    }

    static float[] unit(Random rnd, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return Descriptor.normalised(v);
    }
}
