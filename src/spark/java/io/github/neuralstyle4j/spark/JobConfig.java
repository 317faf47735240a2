package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.config.BuiltinDefault;
import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The driver's reading of what every task needs: the config, the backbone's location, the ONNX Runtime threads. */
final class JobConfig {

    private JobConfig() {
    }

    /**
     * A config file on any file system (a relative local path is also tried against the project home, as
     * {@code stylize} does), or the built-in default when {@code spec} is null.
     */
    static StyleTransferConfig load(String spec, Configuration conf) {
        if (spec == null) {
            return BuiltinDefault.config();
        }
        if (HadoopFiles.isLocal(spec)) {
            return ConfigLoader.load(againstHome(HadoopFiles.localFile(spec).toString()));
        }
        Path p = new Path(spec);
        try (InputStream in = p.getFileSystem(conf).open(p)) {
            byte[] bytes = in.readNBytes((int) ConfigLoader.MAX_BYTES + 1);
            if (bytes.length > ConfigLoader.MAX_BYTES) {
                throw new ConfigException(spec, null, "larger than " + ConfigLoader.MAX_BYTES + " bytes");
            }
            return ConfigLoader.parse(new String(bytes, StandardCharsets.UTF_8), spec);
        } catch (IOException e) {
            throw new ConfigException(spec, null, "cannot read the file: " + e.getMessage(), e);
        }
    }

    private static java.nio.file.Path againstHome(String file) {
        java.nio.file.Path p = java.nio.file.Path.of(file);
        String home = System.getProperty(BackboneLocator.HOME_PROPERTY);
        if (!p.isAbsolute() && !Files.exists(p) && home != null && Files.exists(java.nio.file.Path.of(home, file))) {
            return java.nio.file.Path.of(home, file);
        }
        return p;
    }

    /**
     * Where executors find the backbone {@code spec} names. A local folder is resolved here (the default one is
     * generated on first use), opened once to check {@code check}'s layer names against it before any task starts,
     * and shipped with the job when asked.
     */
    static BackboneSource backbone(String spec, boolean ship, SparkContext sc, Consumer<Backbone> check,
                                   Consumer<String> log) {
        if (!HadoopFiles.isLocal(spec)) {
            return new BackboneSource(BackboneSource.Kind.REMOTE, spec);
        }
        java.nio.file.Path folder = BackboneLocator.resolve(HadoopFiles.localFile(spec).toString(), log)
                .toAbsolutePath().normalize();
        check.accept(Backbone.open(folder));
        if (ship) {
            sc.addFile(folder.toString(), true);
            return new BackboneSource(BackboneSource.Kind.SHIPPED, folder.getFileName().toString());
        }
        return new BackboneSource(BackboneSource.Kind.LOCAL, folder.toString());
    }

    /**
     * ONNX Runtime threads per executor: as asked, else the executor's cores ({@code spark.executor.cores}), else in
     * local mode the local threads ({@code local[N]}).
     */
    static int threads(int asked, SparkContext sc) {
        if (asked > 0) {
            return asked;
        }
        String cores = sc.getConf().get("spark.executor.cores", null);
        if (cores != null && !sc.isLocal()) {
            return Integer.parseInt(cores.strip());
        }
        return sc.isLocal() ? sc.defaultParallelism() : 0;
    }

    /** The driver's Hadoop settings (credentials of S3A and the like), for the tasks to open the same paths. */
    static Map<String, String> hadoopSettings(Configuration conf) {
        Map<String, String> settings = new HashMap<>();
        conf.forEach(e -> settings.put(e.getKey(), e.getValue()));
        return settings;
    }
}
