package io.github.neuralstyle4j.backbone;

import ai.onnxruntime.OrtEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The process-wide ONNX Runtime environment, started without what the runtime does on its own at start-up.
 *
 * <p>ONNX Runtime 1.29's native library starts a 1DS telemetry client when it loads. That client reads
 * {@code /proc/self/cmdline} with a stack use that grows with its length (a command line of ~4 KB overflows a 1 MB
 * thread stack: a silent SIGSEGV), creates a 0-byte {@code /tmp/mat-debug-<pid>.log} every run, keeps a device id
 * and an event database under {@code ~/.cache/Microsoft}, writes {@code :memory:.ses} into the working folder when
 * {@code HOME} is unusable, and tries to upload. {@code ORT_DISABLE_TELEMETRY=1}, set before the library loads, turns
 * all of it off; the variable is set here, in the process itself (libc {@code setenv} through JNA), unless the user
 * set it. The Java binding also extracts its libraries to {@code java.io.tmpdir/onnxruntime-java<n>/} and asks for
 * them to be deleted on exit in an order that leaves the folder behind; once loaded they are not needed on disk, so
 * they are removed here at once, and so is the folder where no execution provider (CUDA, ...) would later be
 * unpacked into it (otherwise the runtime's own exit hook, which then succeeds, removes it).
 */
public final class OrtStartup {

    /** ONNX Runtime's switch for its telemetry (read once, when the native library initialises). */
    public static final String TELEMETRY_VARIABLE = "ORT_DISABLE_TELEMETRY";

    private static volatile OrtEnvironment environment;

    private OrtStartup() {
    }

    /** The environment; the first call disables telemetry and removes the extracted libraries' folder. */
    public static OrtEnvironment environment() {
        OrtEnvironment env = environment;
        if (env == null) {
            synchronized (OrtStartup.class) {
                env = environment;
                if (env == null) {
                    env = start();
                    environment = env;
                }
            }
        }
        return env;
    }

    private static OrtEnvironment start() {
        checkTemporaryFolder();
        disableTelemetry();
        OrtEnvironment env;
        try {
            env = OrtEnvironment.getEnvironment();
        } catch (LinkageError e) {
            // the binding logs the first cause (e.g. "File too large") and then fails to link: say what it means
            throw new UncheckedIOException(new IOException("ONNX Runtime's native library could not be unpacked"
                    + " into " + System.getProperty("java.io.tmpdir") + " and loaded (a full disk, a file size limit,"
                    + " or a folder mounted noexec?): " + e, e));
        }
        // a GPU build unpacks its provider libraries into the same folder when a session first asks for them
        boolean folderNeededLater = !OrtEnvironment.getAvailableProviders().equals(
                java.util.EnumSet.of(ai.onnxruntime.OrtProvider.CPU));
        removeExtractedLibraries(folderNeededLater);
        return env;
    }

    /** The Java binding extracts its libraries there; without it ORT fails inside a static initialiser. */
    private static void checkTemporaryFolder() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir", ""));
        if (!Files.isDirectory(tmp) || !Files.isWritable(tmp)) {
            throw new UncheckedIOException(new IOException("the temporary folder '" + tmp + "' (java.io.tmpdir) is"
                    + " not a writable folder, and ONNX Runtime unpacks its libraries there; set TMPDIR or"
                    + " -Djava.io.tmpdir to one"));
        }
    }

    private static void disableTelemetry() {
        if (System.getenv(TELEMETRY_VARIABLE) != null || !isLinuxOrMac()) {
            return; // the user chose; on Windows the runtime's telemetry is ETW, which this switch does not govern
        }
        // libc's setenv, so that the native library sees the variable (Java's own copy of the environment is fixed);
        // without JNA the runtime starts as it would anyway, and Main's sized stack still covers long command lines
        LibC.setenvIfAbsent(TELEMETRY_VARIABLE, "1");
    }

    private static boolean isLinuxOrMac() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.contains("linux") || os.contains("mac");
    }

    /** The folders of this process's mapped ORT libraries, as {@code /proc/self/maps} names them (Linux only). */
    private static void removeExtractedLibraries(boolean keepFolder) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return;
        }
        Set<Path> folders = new LinkedHashSet<>();
        try (Stream<String> lines = Files.lines(maps, StandardCharsets.ISO_8859_1)) {
            lines.map(line -> line.indexOf('/') < 0 ? "" : line.substring(line.indexOf('/')))
                    .filter(file -> file.contains("/onnxruntime-java") && file.endsWith(".so"))
                    .map(file -> Path.of(file).getParent())
                    .filter(folder -> folder.getFileName().toString().startsWith("onnxruntime-java"))
                    .forEach(folders::add);
        } catch (IOException | RuntimeException e) {
            return; // best effort: the folder then stays, as it would without us
        }
        for (Path folder : folders) {
            if (keepFolder) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.forEach(LibC::deleteTree);
                } catch (IOException | RuntimeException e) {
                    // best effort, as below
                }
            } else {
                LibC.deleteTree(folder);
            }
        }
    }
}
