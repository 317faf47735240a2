package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.search.ImageIndex;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.util.Locale;
import java.util.Random;

/**
 * Unit vectors in the Parquet layout of {@code spark features}, for measuring the index at sizes no test collection
 * has: {@code clusters} Gaussian centres and points scattered around them ({@code noise} × a centre's spread), as
 * descriptors of photo collections cluster by subject; 0 clusters gives directions uniform on the sphere, the
 * hardest case for a graph index. Vector {@code i} depends only on (seed, i), so queries made with ids past the
 * indexed ones come from the same distribution without being in the index.
 */
public final class SyntheticVectors {

    /** The settings every synthetic vector is labelled with. */
    static ImageIndex.Settings settings(int dimension, long seed) {
        return new ImageIndex.Settings("synthetic", "synthetic-seed-" + seed, "synthetic", "synthetic", "content", 1,
                dimension);
    }

    private SyntheticVectors() {
    }

    /** Writes vectors {@code first} .. {@code first + count - 1} to {@code output}. */
    public static void write(SparkSession spark, long first, long count, int dimension, int clusters, double noise,
                             long seed, int partitions, String output) {
        // the settings are made on the executors: the closure takes only numbers
        JavaRDD<Row> rows = spark.range(first, first + count, 1, partitions).javaRDD().map(id ->
                FeatureRow.of(String.format(Locale.ROOT, "synthetic/%010d", id), 0, 0, settings(dimension, seed),
                        vector(id, dimension, clusters, noise, seed)));
        spark.createDataFrame(rows, FeatureRow.SCHEMA).write().mode(SaveMode.Overwrite).parquet(output);
    }

    static float[] vector(long id, int dimension, int clusters, double noise, long seed) {
        double[] v = new double[dimension];
        if (clusters > 0) {
            Random centre = new Random(seed * 1_000_003L + Math.floorMod(id, clusters));
            for (int i = 0; i < dimension; i++) {
                v[i] = centre.nextGaussian();
            }
        }
        Random point = new Random(seed * 7_919L + id * 1_000_000_007L);
        double scale = clusters > 0 ? noise : 1;
        double ss = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] += scale * point.nextGaussian();
            ss += v[i] * v[i];
        }
        float[] out = new float[dimension];
        double inv = 1 / Math.sqrt(ss);
        for (int i = 0; i < dimension; i++) {
            out[i] = (float) (v[i] * inv);
        }
        return out;
    }
}
