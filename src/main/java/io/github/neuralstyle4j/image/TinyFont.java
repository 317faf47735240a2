package io.github.neuralstyle4j.image;

import java.util.Locale;
import java.util.Map;

/**
 * A built-in 3×5 pixel bitmap font (upper case, digits, {@code _ - . : / ?}), so that labels render the same on every
 * machine, headless or without fonts; lower case is drawn in upper case, other characters as '?'.
 */
public final class TinyFont {

    /** Glyph cell width in font pixels, including one column of spacing. */
    public static final int ADVANCE = 4;
    public static final int HEIGHT = 5;

    private static final Map<Character, String> GLYPHS = Map.ofEntries(
            Map.entry('A', ".#.#.#####.##.#"), Map.entry('B', "##.#.###.#.###."), Map.entry('C', ".###..#..#...##"),
            Map.entry('D', "##.#.##.##.###."), Map.entry('E', "####..##.#..###"), Map.entry('F', "####..##.#..#.."),
            Map.entry('G', ".###..#.##.#.##"), Map.entry('H', "#.##.#####.##.#"), Map.entry('I', "###.#..#..#.###"),
            Map.entry('J', "..#..#..##.#.#."), Map.entry('K', "#.##.###.#.##.#"), Map.entry('L', "#..#..#..#..###"),
            Map.entry('M', "#.########.##.#"), Map.entry('N', "##.#.##.##.##.#"), Map.entry('O', ".#.#.##.##.#.#."),
            Map.entry('P', "##.#.###.#..#.."), Map.entry('Q', ".#.#.##.###..##"), Map.entry('R', "##.#.###.#.##.#"),
            Map.entry('S', ".###...#...###."), Map.entry('T', "###.#..#..#..#."), Map.entry('U', "#.##.##.##.####"),
            Map.entry('V', "#.##.##.##.#.#."), Map.entry('W', "#.##.########.#"), Map.entry('X', "#.##.#.#.#.##.#"),
            Map.entry('Y', "#.##.#.#..#..#."), Map.entry('Z', "###..#.#.#..###"),
            Map.entry('0', "####.##.##.####"), Map.entry('1', ".#.##..#..#.###"), Map.entry('2', "##...#.#.#..###"),
            Map.entry('3', "##...#.#...###."), Map.entry('4', "#.##.####..#..#"), Map.entry('5', "####..##...###."),
            Map.entry('6', ".###..####.####"), Map.entry('7', "###..#.#..#..#."), Map.entry('8', "####.#####.####"),
            Map.entry('9', "####.####..###."), Map.entry('_', "............###"), Map.entry('-', "......###......"),
            Map.entry('.', "............#.."), Map.entry(':', "....#.....#...."), Map.entry('/', "..#..#.#.#..#.."),
            Map.entry('?', "##...#.#.....#."), Map.entry(' ', "..............."));

    private TinyFont() {
    }

    /** Width in pixels of {@code text} at {@code scale} (the trailing spacing column included). */
    public static int width(String text, int scale) {
        return text.length() * ADVANCE * scale;
    }

    /**
     * Draws {@code text} into a planar RGB buffer of width {@code stride} and height {@code rows}, the top-left
     * corner of the first glyph at (x, y), each font pixel a {@code scale}×{@code scale} square of {@code value}
     * (all three channels); pixels outside the buffer are clipped.
     */
    public static void draw(float[] chw, int stride, int rows, String text, int x, int y, int scale, float value) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i++) {
            String glyph = glyph(upper.charAt(i));
            for (int gy = 0; gy < HEIGHT; gy++) {
                for (int gx = 0; gx < 3; gx++) {
                    if (glyph.charAt(gy * 3 + gx) != '#') {
                        continue;
                    }
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            int px = x + (i * ADVANCE + gx) * scale + dx;
                            int py = y + gy * scale + dy;
                            if (px >= 0 && px < stride && py >= 0 && py < rows) {
                                for (int c = 0; c < 3; c++) {
                                    chw[(c * rows + py) * stride + px] = value;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static String glyph(char c) {
        return GLYPHS.getOrDefault(c, GLYPHS.get('?'));
    }
}
