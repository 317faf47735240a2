package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.engine.ExecutionOptions;
import io.github.neuralstyle4j.engine.OrtRuntime;
import io.github.neuralstyle4j.image.BuiltinImages;
import io.github.neuralstyle4j.image.ImageException;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.RgbImage;
import io.github.neuralstyle4j.search.ContactSheet;
import io.github.neuralstyle4j.search.Descriptor;
import io.github.neuralstyle4j.search.ImageDescriber;
import io.github.neuralstyle4j.search.ImageIndex;
import io.github.neuralstyle4j.search.SearchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code neuralstyle search index|query|remove}: similar-image search on a backbone layer's descriptors. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Similar-image search: index images by a backbone layer's features, query by cosine similarity.",
        subcommands = {SearchCommand.Index.class, SearchCommand.Query.class, SearchCommand.Remove.class})
final class SearchCommand implements Runnable {

    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "wbmp");
    static final int DEFAULT_SIZE = 224;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new UsageErrorHandler.MissingCommand(spec.commandLine());
    }

    /** Options that fix how descriptors are computed; unset ones come from the index, then the defaults. */
    static class DescriptorOptions {
        @Option(names = "--backbone", paramLabel = "DIR", description = "backbone folder (default: the index's, else "
                + StyleTransferConfig.DEFAULT_BACKBONE + ")")
        String backbone;

        @Option(names = "--layer", paramLabel = "LAYER", description = "layer to describe images by (default: the"
                + " index's, else the backbone's last layer, e.g. pool5)")
        String layer;

        @Option(names = "--descriptor", paramLabel = "content|style", description = "content: channel means;"
                + " style: Gram matrix upper triangle (default: the index's, else content)")
        String descriptor;

        @Option(names = "--size", paramLabel = "PX", description = "images are resized to PX×PX (default: the"
                + " index's, else " + DEFAULT_SIZE + ")")
        Integer size;

        @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime threads; 0 = all cores")
        int threads;

        @CommandLine.Mixin
        VerboseOption verbose;

        /** Opens the describer these options and the index's settings name; an existing index must agree. */
        ImageDescriber describer(Path index, PrintWriter err) {
            Optional<ImageIndex.Settings> existing = ImageIndex.settingsOf(index);
            String bbSpec = backbone != null ? backbone : StyleTransferConfig.DEFAULT_BACKBONE;
            Backbone bb = Backbone.open(BackboneLocator.resolve(bbSpec, err::println));
            String chosenLayer = layer != null ? layer : existing.map(ImageIndex.Settings::layer)
                    .filter(bb::hasLayer).orElse(ImageDescriber.defaultLayer(bb));
            Descriptor d = Descriptor.parse(descriptor != null ? descriptor
                    : existing.map(ImageIndex.Settings::descriptor).orElse("content"));
            int px = size != null ? size : existing.map(ImageIndex.Settings::size).orElse(DEFAULT_SIZE);
            ImageDescriber describer = new ImageDescriber(new OrtRuntime(new ExecutionOptions(false, 0, threads)), bb,
                    chosenLayer, d, px);
            if (existing.isPresent()) {
                try {
                    existing.get().requireSameAs(describer.settings(), index);
                } catch (SearchException e) {
                    describer.close();
                    throw e;
                }
            }
            return describer;
        }
    }

    @Command(name = "index", mixinStandardHelpOptions = true,
            description = "Add images (files, folders walked for images, builtin:NAME) to the index; a path already"
                    + " indexed is replaced.")
    static final class Index extends DescriptorOptions implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--index", required = true, paramLabel = "DIR", description = "index folder (created if missing)")
        Path index;

        @Parameters(arity = "0..*", paramLabel = "IMG", description = "images or folders")
        List<String> images = new ArrayList<>();

        @Option(names = "--from", paramLabel = "FILE", description = "also index the images or folders listed in"
                + " FILE, one a line (for more than a command line holds)")
        Path from;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter out = spec.commandLine().getOut();
            if (from != null) {
                images.addAll(ListFile.read(from));
            }
            if (images.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give images or folders to index (IMG"
                        + " arguments or --from FILE)");
            }
            List<String> inputs = expand(images);
            if (inputs.isEmpty()) {
                throw new ImageException("no images found in " + String.join(", ", images));
            }
            List<String> skipped = new ArrayList<>();
            int done = 0;
            long start = System.nanoTime();
            boolean bar = System.console() != null;
            boolean newIndex = !Files.exists(index);
            try (ImageDescriber describer = describer(index, err); ImageIndex idx = ImageIndex.openForWriting(index)) {
                idx.bind(describer.settings());
                for (int i = 0; i < inputs.size(); i++) {
                    String in = inputs.get(i);
                    try {
                        RgbImage image = ImageLoading.load(in);
                        long bytes = 0;
                        long mtime = 0;
                        if (!BuiltinImages.isBuiltin(in)) {
                            bytes = Files.size(Path.of(in));
                            mtime = Files.getLastModifiedTime(Path.of(in)).toMillis();
                        }
                        idx.put(in, bytes, mtime, describer.describe(image));
                        done++;
                    } catch (ImageException | IOException e) {
                        skipped.add(in + ": " + e.getMessage());
                    }
                    int n = i + 1;
                    if (bar || n % 10 == 0 || n == inputs.size()) {
                        double s = (System.nanoTime() - start) / 1e9;
                        err.printf(Locale.ROOT, "%s%d/%d images  %.2f images/s  %s left%s", bar ? "\r" : "", n,
                                inputs.size(), n / s, Progress.duration(s / n * (inputs.size() - n)),
                                bar && n < inputs.size() ? " " : "\n");
                        err.flush();
                    }
                }
                out.printf(Locale.ROOT, "indexed %d image(s) into %s (%d in the index; %s); skipped %d%n", done, index,
                        idx.count(), describer.settings().describe(), skipped.size());
            }
            if (!skipped.isEmpty()) {
                err.println("skipped (unreadable):");
                skipped.forEach(s -> err.println("  " + s));
            }
            out.flush();
            err.flush();
            if (done == 0 && newIndex) {
                removeTree(index); // nothing indexed: a failed first run leaves no empty index behind
            }
            return done > 0 ? ExitCodes.OK : ExitCodes.IMAGE;
        }
    }

    private static void removeTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: an empty index folder is harmless
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            description = "Print the indexed images most similar to IMG: rank<TAB>cosine<TAB>path, best first.")
    static final class Query extends DescriptorOptions implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--index", required = true, paramLabel = "DIR", description = "index folder")
        Path index;

        @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "number of matches (default 5)")
        int top;

        @Option(names = "--sheet", paramLabel = "PNG", description = "also draw the query and its matches")
        Path sheet;

        @Option(names = "--overwrite", description = "replace an existing --sheet image (as stylize: refused"
                + " otherwise)")
        boolean overwrite;

        @Parameters(arity = "1", paramLabel = "IMG", description = "query image (file or builtin:NAME)")
        String image;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (sheet != null) {
                RunFiles.requireImageExtension(sheet);
                new io.github.neuralstyle4j.files.OutputTargets(overwrite).input("query image", image)
                        .output("--sheet", sheet).check();
            }
            requireIndex(index);
            if (top < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--top must be at least 1");
            }
            RgbImage query = ImageLoading.load(image);
            List<ImageIndex.Hit> hits;
            try (ImageDescriber describer = describer(index, spec.commandLine().getErr())) {
                hits = ImageIndex.query(index, describer.describe(query), top);
            }
            for (ImageIndex.Hit h : hits) {
                out.printf(Locale.ROOT, "%d\t%.6f\t%s%n", h.rank(), h.cosine(), h.path());
            }
            out.flush();
            if (sheet != null) {
                List<ContactSheet.Tile> tiles = new ArrayList<>();
                tiles.add(new ContactSheet.Tile(query, "query"));
                for (ImageIndex.Hit h : hits) {
                    RgbImage img;
                    try {
                        img = ImageLoading.load(h.path());
                    } catch (ImageException e) {
                        img = null;
                    }
                    tiles.add(new ContactSheet.Tile(img, String.format(Locale.ROOT, "#%d  %.4f", h.rank(), h.cosine())));
                }
                ContactSheet.write(tiles, sheet);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete images from the index (no rebuild).")
    static final class Remove implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--index", required = true, paramLabel = "DIR", description = "index folder")
        Path index;

        @CommandLine.Mixin
        VerboseOption verbose;

        @Parameters(arity = "1..*", paramLabel = "IMG", description = "images or folders, as given when indexed")
        List<String> images;

        @Override
        public Integer call() {
            requireIndex(index);
            int removed = 0;
            List<String> absent = new ArrayList<>();
            try (ImageIndex idx = ImageIndex.openForWriting(index)) {
                for (String in : expand(images)) {
                    if (idx.remove(in)) {
                        removed++;
                    } else {
                        absent.add(in);
                    }
                }
                spec.commandLine().getOut().printf("removed %d image(s) from %s (%d left)%n", removed, index,
                        idx.count());
            }
            absent.forEach(a -> spec.commandLine().getErr().println("not in the index: " + a));
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
            return ExitCodes.OK;
        }
    }

    static void requireIndex(Path index) {
        if (ImageIndex.settingsOf(index).isEmpty()) {
            throw new SearchException("no search index in " + index + " (create one with 'search index --index "
                    + index + " IMG...')");
        }
    }

    /** Files as absolute normalised paths, folders walked for image files (sorted), builtin names as they are. */
    static List<String> expand(List<String> inputs) {
        List<String> out = new ArrayList<>();
        for (String in : inputs) {
            if (BuiltinImages.isBuiltin(in)) {
                out.add(in);
                continue;
            }
            Path p = Path.of(in).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(SearchCommand::looksLikeImage).sorted()
                            .forEach(f -> out.add(f.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot walk " + p + ": " + e.getMessage(), e);
                }
            } else {
                out.add(p.toString());
            }
        }
        return out;
    }

    static boolean looksLikeImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
