package io.github.neuralstyle4j.spark;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The brute-force top-K in Spark against sorting every score of a small synthetic set in one list. */
class ExactTopKTest {

    @Test
    void partitionTopKsMergeToTheTopKOfTheWholeSet(@TempDir Path dir) {
        String parquet = dir.resolve("v.parquet").toString();
        // 5 partitions of 100 vectors: each query's best 7 are spread over several partitions
        SyntheticVectors.write(LocalSpark.session(), 0, 500, 16, 10, 1.0, 3, 5, parquet);
        List<Row> rows = LocalSpark.session().read().parquet(parquet).select("path", "vector").collectAsList();
        float[][] queries = new float[3][];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = SyntheticVectors.vector(10_000 + i, 16, 10, 1.0, 3);   // not in the set
        }
        List<List<ExactTopK.Match>> top = ExactTopK.of(LocalSpark.session().read().parquet(parquet), queries, 7);
        for (int i = 0; i < queries.length; i++) {
            List<double[]> all = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            for (Row r : rows) {
                float[] v = FeatureRow.floats(r.getList(1));
                double dot = 0;
                for (int d = 0; d < v.length; d++) {
                    dot += queries[i][d] * (double) v[d];
                }
                all.add(new double[]{dot, paths.size()});
                paths.add(r.getString(0));
            }
            all.sort(Comparator.comparingDouble((double[] a) -> -a[0]));
            assertEquals(7, top.get(i).size());
            for (int rank = 0; rank < 7; rank++) {
                assertEquals(paths.get((int) all.get(rank)[1]), top.get(i).get(rank).path(), "query " + i + " rank " + rank);
                // float32 vs float64 sums of 16 products of unit-vector entries: 1e-6 is ~10 float32 ulps at 1
                assertEquals(all.get(rank)[0], top.get(i).get(rank).score(), 1e-6);
            }
        }
    }
}
