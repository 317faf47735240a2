package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.search.ImageIndex;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code spark recall}: how many of the exact {@code k} nearest neighbours ({@link ExactTopK}, brute force over the
 * indexed Parquet) the HNSW index returns for the same queries, on average: recall@k.
 */
public final class RecallJob {

    /**
     * The measurement.
     *
     * @param queries      queries made
     * @param k            neighbours per query
     * @param recall       mean fraction of the exact top-k found by the index
     * @param worst        the lowest recall of one query
     * @param exactSeconds the brute force's time (all queries together, in Spark)
     * @param hnswMillis   the index's mean time per query
     */
    public record Recall(int queries, int k, double recall, double worst, double exactSeconds, double hnswMillis) {
    }

    private RecallJob() {
    }

    /**
     * Measures recall@k of the index built from {@code parquet}, for the first {@code queries} described rows of
     * {@code queryParquet} (in path order).
     */
    public static Recall run(SparkSession spark, String parquet, String queryParquet, Path index, int queries, int k,
                             PrintWriter log) {
        List<Row> picked = spark.read().parquet(queryParquet).filter(functions.col("vector").isNotNull())
                .select("path", "vector").orderBy("path").limit(queries).collectAsList();
        float[][] q = new float[picked.size()][];
        for (int i = 0; i < q.length; i++) {
            q[i] = FeatureRow.floats(picked.get(i).getList(1));
        }
        Dataset<Row> table = spark.read().parquet(parquet).filter(functions.col("vector").isNotNull());
        long start = System.nanoTime();
        List<List<ExactTopK.Match>> exact = ExactTopK.of(table, q, k);
        double exactSeconds = (System.nanoTime() - start) / 1e9;
        double sum = 0;
        double worst = 1;
        long hnswNanos = 0;
        for (int i = 0; i < q.length; i++) {
            long t = System.nanoTime();
            List<ImageIndex.Hit> hits = ImageIndex.query(index, q[i], k);
            hnswNanos += System.nanoTime() - t;
            Set<String> found = new HashSet<>();
            hits.forEach(h -> found.add(h.path()));
            long common = exact.get(i).stream().filter(m -> found.contains(m.path())).count();
            double r = (double) common / Math.min(k, exact.get(i).size());
            sum += r;
            worst = Math.min(worst, r);
        }
        Recall result = new Recall(q.length, k, sum / q.length, worst, exactSeconds, hnswNanos / 1e6 / q.length);
        log.printf(Locale.ROOT, "recall@%d = %.4f (worst query %.2f) over %d queries; exact top-%d in Spark %.1f s,"
                        + " HNSW %.2f ms per query; load average %s%n", k, result.recall(), result.worst(),
                result.queries(), k, result.exactSeconds(), result.hnswMillis(), LoadAverage.now());
        log.flush();
        return result;
    }
}
