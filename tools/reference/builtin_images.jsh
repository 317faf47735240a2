// Writes the built-in sample images as PNG files at their native size (512x384), byte for byte what
// ImageLoading.load("builtin:...") decodes, so that tools/make_reference.py --case-from-config can resize them with PIL.
//   mvn -q -B compile && OUT=/tmp/builtins jshell --class-path target/classes tools/reference/builtin_images.jsh
import io.github.neuralstyle4j.image.BuiltinImages;
var out = java.nio.file.Path.of(System.getenv().getOrDefault("OUT", "."));
java.nio.file.Files.createDirectories(out);
for (String name : BuiltinImages.names()) {
    var file = out.resolve(name.substring(BuiltinImages.PREFIX.length()) + ".png");
    javax.imageio.ImageIO.write(BuiltinImages.render(name), "png", file.toFile());
    System.out.println(file);
}
/exit
