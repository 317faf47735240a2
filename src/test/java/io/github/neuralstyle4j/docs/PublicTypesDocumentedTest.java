package io.github.neuralstyle4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public class, interface, record and enum of the main sources has a Javadoc comment ({@code mvn
 * javadoc:javadoc} leaves its "missing comment" check off, since members are documented where they need it).
 */
class PublicTypesDocumentedTest {

    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^[ \\t]*public\\s+(?:(?:static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+(\\w+)");
    private static final Pattern ANNOTATION_AT_END = Pattern.compile("@[\\w.]+$");

    @Test
    void everyPublicTypeHasJavadoc() throws IOException {
        List<String> undocumented = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                undocumented.addAll(undocumentedTypes(file.toString(), Files.readString(file)));
            }
        }
        assertEquals(List.of(), undocumented);
    }

    @Test
    void theScanSeesCommentsAcrossAnnotations() {
        String source = String.join("\n",
                "package p;",
                "/** Documented. */",
                "@Command(name = \"x\", sub = {A.class,",
                "        B.class})",
                "public final class Documented {",
                "    public record Bare(int a) { }",
                "    /* a plain comment is not Javadoc */",
                "    public enum Plain { A }",
                "    /** Documented too. */",
                "    @Deprecated",
                "    public static final class Nested { }",
                "}");
        assertEquals(List.of("T.java: Bare", "T.java: Plain"), undocumentedTypes("T.java", source));
    }

    /** The public types of one source file without a Javadoc comment before them (annotations may stand between). */
    static List<String> undocumentedTypes(String name, String source) {
        List<String> missing = new ArrayList<>();
        Matcher m = PUBLIC_TYPE.matcher(source);
        while (m.find()) {
            String before = withoutAnnotations(source.substring(0, m.start())).stripTrailing();
            int commentStart = before.lastIndexOf("/*");
            if (!before.endsWith("*/") || !before.startsWith("/**", commentStart)) {
                missing.add(name + ": " + m.group(1));
            }
        }
        return missing;
    }

    /** Drops the annotations (with their balanced parentheses) that end {@code text}. */
    private static String withoutAnnotations(String text) {
        String rest = text.stripTrailing();
        while (true) {
            String name = rest;
            if (rest.endsWith(")")) {
                int depth = 0;
                int i = rest.length() - 1;
                for (; i > 0; i--) {
                    char c = rest.charAt(i);
                    depth += c == ')' ? 1 : c == '(' ? -1 : 0;
                    if (depth == 0) {
                        break;
                    }
                }
                name = rest.substring(0, i).stripTrailing();
            }
            Matcher annotation = ANNOTATION_AT_END.matcher(name);
            if (!annotation.find()) {
                return rest;
            }
            rest = name.substring(0, annotation.start()).stripTrailing();
        }
    }
}
