package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.engine.ExecutionOptions;
import io.github.neuralstyle4j.engine.OrtRuntime;
import io.github.neuralstyle4j.search.Descriptor;
import io.github.neuralstyle4j.search.ImageDescriber;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link ImageDescriber} per executor JVM and setting (backbone folder, layer, descriptor, size), opened by the
 * first task that needs it and reused by the later ones; this holder owns them and closes them when the JVM exits.
 * Callers synchronise on the describer: its session runs one image at a time.
 */
final class ExecutorDescribers {

    private static final Map<String, ImageDescriber> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.values().forEach(ImageDescriber::close),
                "neuralstyle-describers-close"));
    }

    private ExecutorDescribers() {
    }

    static ImageDescriber get(String backboneFolder, String layer, Descriptor descriptor, int size, int threads) {
        String key = String.join("#", backboneFolder, String.valueOf(layer), descriptor.label(),
                Integer.toString(size), Integer.toString(threads));
        return OPEN.computeIfAbsent(key, k -> {
            Backbone backbone = Backbone.open(Path.of(backboneFolder));
            String chosen = layer != null ? layer : ImageDescriber.defaultLayer(backbone);
            return new ImageDescriber(new OrtRuntime(new ExecutionOptions(false, 0, threads)), backbone, chosen,
                    descriptor, size);
        });
    }
}
