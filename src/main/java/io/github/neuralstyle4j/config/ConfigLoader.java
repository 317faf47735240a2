package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.github.neuralstyle4j.files.InputFiles;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a {@link StyleTransferConfig} from JSON, strictly: unknown fields, nulls, numbers written as strings and
 * fractions where an integer belongs are all errors, because a configuration that is silently reinterpreted wastes a
 * long run. Every failure is a {@link ConfigException} naming the source, the JSON path and the problem.
 */
public final class ConfigLoader {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // NaN and Infinity then reach validation, which reports them with their path instead of as a syntax error
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // with duplicates allowed, the last "steps" would silently win over the first
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // nulls are rejected on the tree before binding; this stays as a second line of defence
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // a failing record constructor must arrive wrapped, so that Jackson adds the path to the record
            .enable(DeserializationFeature.WRAP_EXCEPTIONS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Integer, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // the records' JSON names are explicit; this makes their accessors serialize under the same names
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    // Jackson appends "[Source: ...; line: L, column: C]" to nested locations; only the position is useful here
    private static final Pattern SOURCE_LOCATION =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");

    /** Far more than any config (the shipped ones are under 2 KB); a larger file is not one. */
    public static final long MAX_BYTES = 1L << 20;

    private ConfigLoader() {
    }

    /**
     * Reads and validates the configuration in {@code file}; messages name the file as given.
     *
     * @throws ConfigException if the file cannot be read or is not a valid configuration
     */
    public static StyleTransferConfig load(Path file) {
        String source = file.toString();
        // a FIFO would block forever and /dev/zero would fill the heap: a regular file of a config's size only
        String problem = InputFiles.problem(file, MAX_BYTES);
        if (problem != null) {
            throw new ConfigException(source, null, problem.equals("not found") ? "no such file" : problem);
        }
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, null, "no such file", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, null, "not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(source, null, "cannot read the file: " + e, e);
        }
        return parse(json, source);
    }

    /**
     * Reads and validates a configuration.
     *
     * @param json       the JSON text
     * @param sourceName what to call the text in messages, e.g. its file name
     * @throws ConfigException if the text is not a valid configuration
     */
    public static StyleTransferConfig parse(String json, String sourceName) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(sourceName, "sourceName");
        // Binding goes through a tree: the tree is where explicit nulls can be told apart from absent fields
        // (a creator sees both as null, and absent means "use the default"), and it lets wrong-type messages
        // quote the value that was actually there.
        JsonNode tree = readTree(json.startsWith("\uFEFF") ? json.substring(1) : json, sourceName);
        rejectNulls(tree, JsonPaths.ROOT, sourceName);
        try {
            return MAPPER.treeToValue(tree, StyleTransferConfig.class);
        } catch (JsonMappingException e) {
            throw translate(e, tree, sourceName);
        } catch (JacksonException e) {
            throw new ConfigException(sourceName, null, clean(e.getOriginalMessage()), e);
        }
    }

    /**
     * Checks that every layer named in {@code config} exists in the backbone, which is only known once the backbone
     * is opened.
     *
     * @param validLayerNames the backbone's layer names, in the order to list them in the message
     * @param sourceName      where {@code config} came from, for the message; {@code null} to leave it out
     * @throws ConfigException naming the first unknown layer by its JSON path and listing the valid names
     */
    public static void checkLayers(StyleTransferConfig config, Collection<String> validLayerNames,
            String sourceName) {
        Set<String> valid = new HashSet<>(validLayerNames);
        checkLayers(config.content().layers(), "content", valid, validLayerNames, sourceName);
        checkLayers(config.style().layers(), "style", valid, validLayerNames, sourceName);
    }

    /** The configuration as JSON that {@link #parse} reads back to an equal configuration. */
    public static String toJson(StyleTransferConfig config) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            // every component is a plain value with a known serializer, so this is a bug, not bad input
            throw new IllegalStateException("cannot serialize " + config, e);
        }
    }

    private static void checkLayers(Map<String, Double> layers, String section, Set<String> valid,
            Collection<String> listing, String sourceName) {
        for (String name : layers.keySet()) {
            if (!valid.contains(name)) {
                String path = JsonPaths.child(JsonPaths.child(JsonPaths.field(section), "layers"), name);
                String known = listing.isEmpty() ? "(none)" : String.join(", ", listing);
                throw new ConfigException(sourceName, path,
                        "unknown layer '" + name + "'; this backbone's layers are: " + known);
            }
        }
    }

    private static JsonNode readTree(String json, String sourceName) {
        JsonNode tree;
        try (JsonParser parser = MAPPER.createParser(json)) {
            tree = MAPPER.readTree(parser);
            if (tree != null && parser.nextToken() != null) {
                throw malformed(sourceName, parser.currentTokenLocation(), "unexpected content after the top-level "
                        + "object", null);
            }
        } catch (JacksonException e) {
            throw malformed(sourceName, e.getLocation(), clean(e.getOriginalMessage()), e);
        } catch (IOException e) {
            // a String source does no I/O; kept distinct so a real failure is not reported as bad JSON
            throw new ConfigException(sourceName, null, "cannot read: " + e, e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ConfigException(sourceName, null, "empty document; expected a JSON object");
        }
        if (!tree.isObject()) {
            throw new ConfigException(sourceName, JsonPaths.ROOT, "expected an object, got " + describe(tree));
        }
        return tree;
    }

    private static ConfigException malformed(String sourceName, JsonLocation at, String detail, Throwable cause) {
        String where = at == null || at.getLineNr() < 0
                ? ""
                : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return new ConfigException(sourceName, null, where + "malformed JSON: " + detail, cause);
    }

    private static void rejectNulls(JsonNode node, String path, String sourceName) {
        if (node.isNull()) {
            throw new ConfigException(sourceName, path, "must not be null (leave a field out to use its default)");
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> rejectNulls(e.getValue(), JsonPaths.child(path, e.getKey()),
                    sourceName));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectNulls(node.get(i), JsonPaths.index(path, i), sourceName);
            }
        }
    }

    private static ConfigException translate(JsonMappingException e, JsonNode tree, String sourceName) {
        List<Reference> refs = e.getPath();
        String path = JsonPaths.of(refs);

        if (e instanceof UnrecognizedPropertyException u) {
            String parent = JsonPaths.of(refs.subList(0, Math.max(0, refs.size() - 1)));
            Set<String> known = new TreeSet<>();
            u.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            return new ConfigException(sourceName, path, "unknown field '" + u.getPropertyName()
                    + "'; known fields at " + parent + " are: " + String.join(", ", known), e);
        }

        // a record rejected its values: its path is relative to the record, which Jackson located for us
        ConfigException invalid = causeOf(e, ConfigException.class);
        if (invalid != null) {
            return invalid.under(path).from(sourceName);
        }

        JsonNode actual = nodeAt(tree, refs);
        InputCoercionException overflow = causeOf(e, InputCoercionException.class);
        if (overflow != null) {
            return new ConfigException(sourceName, path,
                    "expected " + range(overflow.getTargetType()) + ", got " + describe(actual), e);
        }
        if (e instanceof MismatchedInputException m) {
            return new ConfigException(sourceName, path,
                    "expected " + expected(m.getTargetType()) + ", got " + describe(actual), e);
        }
        return new ConfigException(sourceName, path, clean(e.getOriginalMessage()), e);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == String.class || type.isEnum() || type == DeviceSpec.class) {
            return "a string";
        }
        if (type == ImageSize.class) {
            return "an integer or an object";
        }
        if (type == StyleImage.class || type == InitImage.class) {
            return "a string or an object";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** For a number that is an integer but too large for its field. */
    private static String range(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        return expected(type);
    }

    /** The value as the user wrote it, for "got ..." in messages. */
    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "something else";
        }
        if (node.isTextual()) {
            return "the string \"" + node.textValue() + "\"";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.asText();
    }

    private static JsonNode nodeAt(JsonNode root, List<Reference> refs) {
        JsonNode node = root;
        for (Reference ref : refs) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        return node;
    }

    private static <T extends Throwable> T causeOf(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String clean(String jacksonMessage) {
        String msg = jacksonMessage == null ? "invalid JSON" : jacksonMessage;
        return SOURCE_LOCATION.matcher(msg).replaceAll("line $1, column $2").replace('\n', ' ');
    }
}
