package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.search.ImageIndex;
import io.github.neuralstyle4j.search.SearchException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * {@code search index --from-parquet} ({@code spark index}): the Lucene HNSW index of {@code search} from the Parquet
 * of {@code spark features}, streamed to this JVM partition by partition. The index records the Parquet's settings;
 * an existing index must have the same ones, and a path already in it is replaced, as {@code search index} does.
 */
public final class IndexJob {

    private IndexJob() {
    }

    /** Adds every described row of {@code parquet} to the index in {@code index}; returns how many. */
    public static long run(SparkSession spark, String parquet, Path index, PrintWriter log) {
        Dataset<Row> rows = spark.read().parquet(parquet).filter(functions.col("vector").isNotNull());
        List<Row> settings = rows.select(columns(FeatureRow.SETTINGS)).distinct().limit(3).collectAsList();
        if (settings.isEmpty()) {
            throw new SearchException(parquet + " holds no descriptor (every row failed, or it is empty)");
        }
        if (settings.size() > 1) {
            throw new SearchException(parquet + " mixes descriptors computed with different settings ("
                    + FeatureRow.settings(settings.get(0)).describe() + "; " + FeatureRow.settings(settings.get(1))
                    .describe() + "); index each in its own index");
        }
        long start = System.nanoTime();
        long added = 0;
        int count;
        try (ImageIndex idx = ImageIndex.openForWriting(index)) {
            idx.bind(FeatureRow.settings(settings.get(0)));
            Iterator<Row> it = rows.select("path", "size", "mtime", "vector").toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                idx.put(r.getString(0), r.getLong(1), r.getLong(2), FeatureRow.floats(r.getList(3)));
                added++;
            }
            count = idx.count();
        }
        // timed after the commit: flushing and merging segments rebuilds their HNSW graphs, a large part of the cost
        log.printf(Locale.ROOT, "indexed %d image(s) from %s into %s (%d in the index; %s) in %.1f s (load average"
                        + " %s)%n", added, parquet, index, count, FeatureRow.settings(settings.get(0)).describe(),
                (System.nanoTime() - start) / 1e9, LoadAverage.now());
        log.flush();
        return added;
    }

    private static org.apache.spark.sql.Column[] columns(String[] names) {
        return Arrays.stream(names).map(functions::col).toArray(org.apache.spark.sql.Column[]::new);
    }
}
