package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.IllegalFormatException;

/**
 * Intermediate images and the resumable checkpoint. Relative paths are resolved against the output image's folder,
 * so that the pictures of a run stay together.
 *
 * @param every      write the current image every this many evaluations (0: never)
 * @param pattern    the snapshot file name, a {@code String.format} pattern of the evaluation number
 * @param checkpoint where to write the checkpoint (image and optimiser state) at the end of the run, or null for
 *                   none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotSpec(int every, String pattern, String checkpoint) {

    public static final String DEFAULT_PATTERN = "snapshots/evaluation_%05d.png";
    public static final SnapshotSpec NONE = new SnapshotSpec(0, DEFAULT_PATTERN, null);

    public SnapshotSpec {
        Checks.atLeast(every, 0, "$.every");
        Checks.nonBlank(pattern, "$.pattern");
        try {
            if (String.format(pattern, 1).equals(String.format(pattern, 2))) {
                throw new ConfigException(null, "$.pattern", "must contain the evaluation number, e.g. %05d");
            }
        } catch (IllegalFormatException e) {
            throw new ConfigException(null, "$.pattern", "not a format for one number: " + e.getMessage());
        }
        if (checkpoint != null) {
            Checks.nonBlank(checkpoint, "$.checkpoint");
        }
    }

    /** The snapshot file of evaluation {@code n}. */
    public String fileFor(int n) {
        return String.format(pattern, n);
    }

    @JsonCreator
    static SnapshotSpec fromJson(@JsonProperty("every") Integer every, @JsonProperty("pattern") String pattern,
                                 @JsonProperty("checkpoint") String checkpoint) {
        return new SnapshotSpec(every != null ? every : 0, pattern != null ? pattern : DEFAULT_PATTERN, checkpoint);
    }
}
