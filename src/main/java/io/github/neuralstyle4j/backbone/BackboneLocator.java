package io.github.neuralstyle4j.backbone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Finds a backbone folder named in a config or on the command line. A relative path is tried against the current
 * directory, then against the project home (the {@code neuralstyle.home} system property, set by the launcher), so
 * the shipped configs work from any directory. The embedded default is generated on first use.
 */
public final class BackboneLocator {

    public static final String HOME_PROPERTY = "neuralstyle.home";

    private BackboneLocator() {
    }

    public static Path resolve(String spec, Consumer<String> log) {
        Path given = Path.of(spec);
        Path candidate = given;
        if (!given.isAbsolute() && !Files.exists(given)) {
            String home = System.getProperty(HOME_PROPERTY);
            if (home != null && !home.isBlank()) {
                candidate = Path.of(home).resolve(given);
            }
        }
        if (!Files.isRegularFile(candidate.resolve(Backbone.MANIFEST))
                && candidate.getFileName() != null
                && candidate.getFileName().toString().equals(VggBackboneGenerator.DEFAULT_NAME)) {
            log.accept("generating the default backbone " + VggBackboneGenerator.DEFAULT_NAME + " in " + candidate
                    + " (VGG19 shape, seeded random weights; once)");
            VggBackboneGenerator.ensureDefault(candidate);
        }
        return candidate;
    }
}
