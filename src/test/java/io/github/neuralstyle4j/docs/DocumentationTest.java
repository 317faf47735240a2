package io.github.neuralstyle4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README and the docs/ pages link only to files and headings that exist, and the README stays a first screen. */
class DocumentationTest {

    /** The README is the way in, not the reference: the rest lives in docs/ (issue 11's target). */
    private static final int README_MAX_WORDS = 2_500;

    @Test
    void everyRelativeLinkInTheDocsResolves() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("onnx/README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertTrue(pages.size() > 5, "docs/ holds the reference pages: " + pages);
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            broken.addAll(MarkdownLinks.broken(page));
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void everyDocsPageIsLinkedFromTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> unlinked = new ArrayList<>();
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.map(p -> "docs/" + p.getFileName()).filter(name -> name.endsWith(".md"))
                    .filter(name -> !readme.contains("(" + name + ")") && !readme.contains("(" + name + "#"))
                    .sorted().forEach(unlinked::add);
        }
        assertEquals(List.of(), unlinked, "a newcomer finds every page from the README");
    }

    @Test
    void readmeIsShort() throws IOException {
        // counted as `wc -w` counts: runs of non-whitespace
        String[] words = Files.readString(Path.of("README.md")).trim().split("\\s+");
        assertTrue(words.length < README_MAX_WORDS,
                "README.md has " + words.length + " words; move reference material to docs/");
    }

    @Test
    void theCheckerFindsMissingFilesAndHeadings(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("other.md"), "# Exit codes\n\n## When things go wrong\n");
        Path page = dir.resolve("page.md");
        Files.writeString(page, String.join("\n",
                "# Title",
                "[ok](other.md) [ok](other.md#when-things-go-wrong) [ok](#title) [web](https://example.org/x)",
                "[gone](missing.md) [bad anchor](other.md#nowhere)",
                "```",
                "[in a fence](not-checked.md)",
                "```",
                ""));
        List<String> broken = MarkdownLinks.broken(page);
        assertEquals(2, broken.size(), broken.toString());
        assertTrue(broken.get(0).endsWith(":3: missing.md (no such file)"), broken.get(0));
        assertTrue(broken.get(1).endsWith(":3: other.md#nowhere (no heading #nowhere)"), broken.get(1));
    }

    @Test
    void anchorsAreGitHubs() {
        assertEquals("optimisers-l-bfgs-adam-conjugate-gradients",
                MarkdownLinks.slug("Optimisers: L-BFGS, Adam, conjugate gradients"));
        assertEquals("exporting-from-torchvision-toolsexport_backbonepy",
                MarkdownLinks.slug("Exporting from torchvision: `tools/export_backbone.py`"));
    }
}
