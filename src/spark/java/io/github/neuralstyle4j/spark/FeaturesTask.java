package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.RgbImage;
import io.github.neuralstyle4j.search.Descriptor;
import io.github.neuralstyle4j.search.ImageDescriber;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The executor's side of {@code spark features}: each image's descriptor, or its row's error. */
final class FeaturesTask implements FlatMapFunction<Iterator<String>, Row> {

    private static final long serialVersionUID = 1L;

    private final BackboneSource backbone;
    private final String layer;
    private final String descriptor;
    private final int size;
    private final int threads;
    private final long maxPixels;
    private final Map<String, String> hadoopConf;

    FeaturesTask(BackboneSource backbone, String layer, Descriptor descriptor, int size, int threads, long maxPixels,
                 Map<String, String> hadoopConf) {
        this.backbone = backbone;
        this.layer = layer;
        this.descriptor = descriptor.label();
        this.size = size;
        this.threads = threads;
        this.maxPixels = maxPixels;
        this.hadoopConf = hadoopConf;
    }

    @Override
    public Iterator<Row> call(Iterator<String> paths) {
        Configuration conf = new Configuration(false);
        hadoopConf.forEach(conf::set);
        ImageDescriber describer = ExecutorDescribers.get(backbone.localFolder(conf), layer,
                Descriptor.parse(descriptor), size, threads);
        List<Row> rows = new ArrayList<>();
        while (paths.hasNext()) {
            rows.add(describe(paths.next(), describer, conf));
        }
        return rows.iterator();
    }

    private Row describe(String path, ImageDescriber describer, Configuration conf) {
        Path p = new Path(path);
        String shown = HadoopFiles.display(p);
        long bytes = 0;
        long mtime = 0;
        try {
            FileStatus status = p.getFileSystem(conf).getFileStatus(p);
            bytes = status.getLen();
            mtime = status.getModificationTime();
            RgbImage image;
            try (HadoopFiles.Local local = HadoopFiles.localCopy(path, conf)) {
                image = ImageLoading.load(local.loadable(), maxPixels);
            }
            float[] vector;
            synchronized (describer) {
                vector = describer.describe(image);
            }
            return FeatureRow.of(shown, bytes, mtime, describer.settings(), vector);
        } catch (IOException | RuntimeException e) {
            return FeatureRow.failed(shown, bytes, mtime, StylizeTask.oneLine(e));
        }
    }
}
