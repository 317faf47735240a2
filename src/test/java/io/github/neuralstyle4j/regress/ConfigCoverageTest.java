package io.github.neuralstyle4j.regress;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every field of the config reference (docs/config.md) is judged by PyTorch: docs/regression.md's coverage table
 * names, for each, the committed reference cases that use it, or says that it has no effect on the numbers or that
 * tools/make_reference.py refuses it, and the script's own lists (NO_EFFECT, REFUSED) agree.
 */
class ConfigCoverageTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_.]+)` \\|([^|]*)\\|([^|]*)\\|");
    private static final Pattern CODE = Pattern.compile("`([a-z0-9_.-]+)`");

    @Test
    void everyConfigFieldIsCoveredByACaseOrAReason() throws IOException {
        List<String> fields = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("docs/config.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                fields.add(m.group(1));
            }
        }
        assertTrue(fields.size() > 20, "docs/config.md's field table: " + fields);

        Map<String, String[]> coverage = new LinkedHashMap<>();
        for (String line : section(Files.readAllLines(Path.of("docs/regression.md")), "## What a reference models")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                coverage.put(m.group(1), new String[] {m.group(2).trim(), m.group(3).trim()});
            }
        }
        Set<String> cases = RegressionSuite.load(PyTorchReferenceTest.SUITE).cases().stream()
                .map(RegressionSuite.Entry::name).collect(Collectors.toSet());
        String script = Files.readString(Path.of("tools/make_reference.py"));
        String noEffect = block(script, "NO_EFFECT = {");
        String refused = block(script, "REFUSED = {");

        List<String> problems = new ArrayList<>();
        for (String field : fields) {
            String[] row = coverage.get(field);
            if (row == null) {
                problems.add(field + ": no row in docs/regression.md's coverage table");
                continue;
            }
            List<String> named = new ArrayList<>();
            Matcher m = CODE.matcher(row[0]);
            while (m.find()) {
                named.add(m.group(1));
            }
            named.stream().filter(n -> !cases.contains(n))
                    .forEach(n -> problems.add(field + ": case " + n + " is not in the suite"));
            String how = row[1];
            if (named.isEmpty() && how.startsWith("no effect")) {
                if (!noEffect.contains("\"" + field + "\":")) {
                    problems.add(field + ": docs say no effect, make_reference.py's NO_EFFECT does not list it");
                }
            } else if (named.isEmpty() && how.startsWith("refused")) {
                if (!refused.contains("\"" + field + "\":")) {
                    problems.add(field + ": docs say refused, make_reference.py's REFUSED does not list it");
                }
            } else if (named.isEmpty()) {
                problems.add(field + ": neither a case nor 'no effect' / 'refused' with a reason");
            }
        }
        assertEquals(List.of(), problems);
    }

    private static List<String> section(List<String> lines, String heading) {
        int start = lines.indexOf(heading);
        assertTrue(start >= 0, "docs/regression.md has no section " + heading);
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start, end);
    }

    private static String block(String script, String opening) {
        int start = script.indexOf(opening);
        assertTrue(start >= 0, "tools/make_reference.py has no " + opening);
        return script.substring(start, script.indexOf("\n}\n", start));
    }
}
