package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** JSON paths in the {@code $.a.b[0]['odd key']} notation used in every {@link ConfigException} message. */
final class JsonPaths {
    static final String ROOT = "$";

    // keys that read unambiguously after a dot; anything else (dots, dashes, spaces) goes in brackets
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPaths() {
    }

    /** The path of a field of {@code $}. */
    static String field(String key) {
        return child(ROOT, key);
    }

    static String child(String parent, String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return parent + "." + key;
        }
        return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** {@code relative} (which starts at {@code $}) seen from {@code parent}. */
    static String join(String parent, String relative) {
        if (!relative.startsWith(ROOT)) {
            throw new IllegalArgumentException("not a JSON path: " + relative);
        }
        return parent + relative.substring(ROOT.length());
    }

    /** The path Jackson recorded for a failure while binding. */
    static String of(List<Reference> references) {
        String path = ROOT;
        for (Reference ref : references) {
            if (ref.getFieldName() != null) {
                path = child(path, ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path = index(path, ref.getIndex());
            }
        }
        return path;
    }

    /**
     * Runs {@code body}, re-rooting any {@link ConfigException} it throws under {@code $.key}: lets a parent record
     * rebuild a child (in a {@code with...} method) and still report paths from the top.
     */
    static <T> T within(String key, Supplier<T> body) {
        try {
            return body.get();
        } catch (ConfigException e) {
            throw e.under(field(key));
        }
    }
}
