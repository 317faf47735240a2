package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.backbone.BackboneLocator;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** The {@code neuralstyle} command as a separate JVM, for what only a real process shows (signals, native crashes). */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * The test JVM's own java and class path (surefire puts the real one in surefire.test.class.path), passed through
     * a manifest-only jar as surefire does, so that the command line is as short as a user's.
     *
     * @param jvmOptions options before the main class, e.g. {@code -Djava.io.tmpdir=...}
     */
    static List<String> command(Path dir, List<String> jvmOptions, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringBuilder urls = new StringBuilder();
        for (String entry : classPath.split(File.pathSeparator)) {
            urls.append(' ').append(Path.of(entry).toAbsolutePath().toUri());
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, urls.toString().strip());
        Path pathingJar = Files.createTempFile(dir, "classpath", ".jar");
        try (JarOutputStream ignored = new JarOutputStream(Files.newOutputStream(pathingJar), manifest)) {
            // the manifest is the whole jar
        }
        List<String> command = new ArrayList<>(List.of(java, "-cp", pathingJar.toString()));
        command.addAll(jvmOptions);
        command.add("-D" + BackboneLocator.HOME_PROPERTY + "=" + new File(".").getCanonicalPath());
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    static List<String> command(Path dir, String... args) throws IOException {
        return command(dir, List.of(), args);
    }
}
