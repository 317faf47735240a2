package io.github.neuralstyle4j.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A configuration that cannot be used. The message is one line meant for the user, of the form
 * {@code source: $.json.path: problem}, e.g. {@code config.json: $.steps: must be >= 1, got 0}.
 *
 * <p>The parts are also available separately so that a caller can rephrase them, e.g. the command line reporting a bad
 * {@code --device} option by its flag instead of by a JSON path.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String path;
    private final String problem;

    /**
     * @param source  where the configuration came from (a file name), or {@code null} if it was built in code
     * @param path    the JSON path of the bad value ({@code $}, {@code $.a.b[0]}), or {@code null} if there is none
     *                (an unreadable file, malformed JSON)
     * @param problem what is wrong, e.g. {@code must be >= 1, got 0}
     */
    public ConfigException(String source, String path, String problem) {
        this(source, path, problem, null);
    }

    public ConfigException(String source, String path, String problem, Throwable cause) {
        super(format(source, path, problem), cause);
        this.source = source;
        this.path = path;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** Where the configuration came from, if known. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** The JSON path of the offending value, if the problem is tied to one. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** What is wrong, without the source and path. */
    public String problem() {
        return problem;
    }

    /**
     * The same problem seen from an enclosing object: records validate with paths relative to themselves ({@code
     * $.weight}), and whoever nests them prefixes where they sit ({@code $.style}).
     */
    ConfigException under(String parentPath) {
        String nested = path == null ? parentPath : JsonPaths.join(parentPath, path);
        return copy(source, nested);
    }

    /** The same problem attributed to a source, keeping any source it already had. */
    ConfigException from(String sourceName) {
        return source != null ? this : copy(sourceName, path);
    }

    private ConfigException copy(String newSource, String newPath) {
        ConfigException copy = new ConfigException(newSource, newPath, problem, getCause());
        // keep the stack of the original throw: it points at the check that failed, not at the re-wrapping
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    private static String format(String source, String path, String problem) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source).append(": ");
        }
        if (path != null) {
            sb.append(path).append(": ");
        }
        return sb.append(problem).toString();
    }
}
