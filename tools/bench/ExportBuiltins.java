import io.github.neuralstyle4j.image.BuiltinImages;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;

/**
 * Writes the built-in sample images as PNG files (native 512x384), so that tools/bench.sh can give PyTorch and
 * neuralstyle4j the same files: {@code java -cp "target/neuralstyle4j.jar:target/lib/*" ExportBuiltins.java DIR}.
 */
public final class ExportBuiltins {
    public static void main(String[] args) throws IOException {
        File dir = new File(args[0]);
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("cannot create " + dir);
        }
        for (String name : BuiltinImages.names()) {
            File out = new File(dir, name.substring(BuiltinImages.PREFIX.length()) + ".png");
            ImageIO.write(BuiltinImages.render(name), "png", out);
            System.out.println(out);
        }
    }
}
