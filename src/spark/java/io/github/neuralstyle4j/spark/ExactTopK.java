package io.github.neuralstyle4j.spark;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The exact {@code k} nearest rows of each query by dot product (= cosine for the unit descriptors), by brute force
 * in Spark: every partition keeps the best {@code k} of each query over its rows, and the partitions' lists are
 * merged. The ground truth that an approximate (HNSW) index is measured against.
 */
public final class ExactTopK {

    /**
     * A match.
     *
     * @param score the dot product
     * @param path  the row's path
     */
    public record Match(float score, String path) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Best first; equal scores by path, so that ties are broken the same way in every partition. */
    static final Comparator<Match> BEST_FIRST = Comparator.comparingDouble((Match m) -> -m.score())
            .thenComparing(Match::path);

    private ExactTopK() {
    }

    /**
     * For each query, the {@code k} rows of {@code table} (columns {@code path}, {@code vector}) with the largest dot
     * product, best first.
     */
    public static List<List<Match>> of(Dataset<Row> table, float[][] queries, int k) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(table.sparkSession().sparkContext());
        Broadcast<float[][]> q = jsc.broadcast(queries);
        JavaPairRDD<Integer, List<Match>> partial = table.select("path", "vector").javaRDD()
                .mapPartitionsToPair(rows -> {
                    float[][] qs = q.value();
                    List<PriorityQueue<Match>> heaps = new ArrayList<>();
                    for (int i = 0; i < qs.length; i++) {
                        heaps.add(new PriorityQueue<>(BEST_FIRST.reversed()));   // worst on top
                    }
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        float[] v = FeatureRow.floats(r.getList(1));
                        for (int i = 0; i < qs.length; i++) {
                            offer(heaps.get(i), new Match(dot(qs[i], v), r.getString(0)), k);
                        }
                    }
                    List<Tuple2<Integer, List<Match>>> out = new ArrayList<>();
                    for (int i = 0; i < qs.length; i++) {
                        out.add(new Tuple2<>(i, new ArrayList<>(heaps.get(i))));
                    }
                    return out.iterator();
                });
        List<Tuple2<Integer, List<Match>>> merged = partial.reduceByKey((a, b) -> best(a, b, k)).collect();
        List<List<Match>> result = new ArrayList<>();
        for (int i = 0; i < queries.length; i++) {
            result.add(List.of());
        }
        for (Tuple2<Integer, List<Match>> t : merged) {
            List<Match> sorted = new ArrayList<>(t._2());
            sorted.sort(BEST_FIRST);
            result.set(t._1(), List.copyOf(sorted));
        }
        q.destroy();
        return result;
    }

    private static void offer(PriorityQueue<Match> heap, Match m, int k) {
        if (heap.size() < k) {
            heap.add(m);
        } else if (BEST_FIRST.compare(m, heap.peek()) < 0) {
            heap.poll();
            heap.add(m);
        }
    }

    private static List<Match> best(List<Match> a, List<Match> b, int k) {
        List<Match> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(BEST_FIRST);
        return new ArrayList<>(all.subList(0, Math.min(k, all.size())));
    }

    static float dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return (float) s;
    }
}
