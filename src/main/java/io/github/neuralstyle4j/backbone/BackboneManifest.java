package io.github.neuralstyle4j.backbone;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * {@code backbone.json}: what a feature graph offers. Layer names map to graph tensors; each layer may have aliases
 * so that both naming conventions work (the seed's {@code conv_4}, and the usual {@code conv3_1}).
 *
 * @param name          short name, e.g. {@code vgg19-random}
 * @param model         the ONNX file in the folder
 * @param input         the graph input: float32 [1,3,H,W], RGB in [0,1]
 * @param normalization the mean/std normalisation the graph applies to its input (informative: it is in the graph)
 * @param layers        tappable layers in graph order
 * @param weights       where the weights came from
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackboneManifest(String name, String model, String input, Normalization normalization,
                               List<Layer> layers, Provenance weights) {

    public BackboneManifest {
        // absent in a hand-written file: Backbone.open says so by name rather than failing here on a null
        layers = layers == null ? List.of() : layers.stream().filter(java.util.Objects::nonNull).toList();
    }

    /** The input normalisation (per-channel mean and std, RGB) and whether the graph already applies it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Normalization(List<Double> mean, List<Double> std, boolean inGraph) {
    }

    /** One tappable tensor. {@code kind} is conv, relu or pool. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Layer(String name, List<String> aliases, String tensor, String kind) {
        public Layer {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    /** Where the weights come from: the source model, their initialisation, its seed, features.onnx's SHA-256. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Provenance(String source, String initialisation, Long seed, String sha256) {
    }
}
