package io.github.neuralstyle4j.regress;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.neuralstyle4j.backbone.VggBackboneGenerator.Preset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A suite file: the cases to run and their tolerances. Paths are relative to the suite file.
 *
 * <pre>{@code
 * { "cases": [
 *     { "case": "vgg16-gatys",
 *       "generate_backbone": { "preset": "vgg16", "seed": 16 },
 *       "tolerances": { "gradient_cosine": 0.9999, "gradient_rel_l2": 1e-3, "loss_rel": 1e-3,
 *                       "loss_evaluations": 20, "final_psnr": 30 },
 *       "note": "why the tolerances are what they are" } ] }
 * }</pre>
 *
 * <p>{@code backbone} (a folder) replaces the case config's backbone. {@code generate_backbone} says how the config's
 * backbone was made, so that a missing one can be generated (into the {@code regress --backbones} folder when given,
 * else where the config's path points); the reference's SHA-256 then proves the bytes are the same.
 *
 * @param file  the suite file
 * @param cases the cases in file order
 */
public record RegressionSuite(Path file, List<Entry> cases) {

    /**
     * One case of a suite.
     *
     * @param name       the case's name in reports (default: its folder's name)
     * @param directory  the case folder
     * @param backbone   a backbone folder replacing the config's, or null
     * @param recipe     how to generate the config's backbone when it is missing, or null
     * @param tolerances what the case must meet
     */
    public record Entry(String name, Path directory, Path backbone, BackboneRecipe recipe, Tolerances tolerances) {
    }

    /** A Java-generated VGG backbone: {@code backbone generate --preset P --seed N}. */
    public record BackboneRecipe(Preset preset, long seed) {
        @JsonCreator
        static BackboneRecipe fromJson(@JsonProperty(value = "preset", required = true) String preset,
                                       @JsonProperty(value = "seed", required = true) Long seed) {
            return new BackboneRecipe(Preset.parse(preset), seed);
        }
    }

    private record FileEntry(@JsonProperty(value = "case", required = true) String caseFolder, String name,
                             String backbone, @JsonProperty("generate_backbone") BackboneRecipe generateBackbone,
                             Tolerances tolerances, String note) {
    }

    private record SuiteJson(String description, @JsonProperty(required = true) List<FileEntry> cases) {
    }

    public static RegressionSuite load(Path file) {
        SuiteJson json;
        try {
            json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile(), SuiteJson.class);
        } catch (IOException e) {
            throw new RegressionException(file + ": " + (Files.exists(file) ? "not a suite file: "
                    + (e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage()
                    : e.getMessage()) : "no such file"), e);
        } catch (IllegalArgumentException e) {
            throw new RegressionException(file + ": " + e.getMessage(), e);
        }
        if (json.cases() == null || json.cases().isEmpty()) {
            throw new RegressionException(file + ": no cases");
        }
        Path base = file.toAbsolutePath().getParent();
        List<Entry> entries = json.cases().stream().map(c -> {
            if (c.caseFolder() == null || c.caseFolder().isBlank()) {
                throw new RegressionException(file + ": a case without a \"case\" folder");
            }
            Path dir = base.resolve(c.caseFolder()).normalize();
            return new Entry(c.name() != null ? c.name() : dir.getFileName().toString(), dir,
                    c.backbone() != null ? base.resolve(c.backbone()).normalize() : null, c.generateBackbone(),
                    c.tolerances() != null ? c.tolerances() : Tolerances.DEFAULT);
        }).toList();
        return new RegressionSuite(file, entries);
    }
}
