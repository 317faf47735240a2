package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.search.ImageIndex;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of {@code spark features}' Parquet: one image's search descriptor, with everything that fixes how it
 * was computed ({@link ImageIndex.Settings}), so that an index built from the file can check what it holds.
 */
public final class FeatureRow {

    /** The table's columns; {@code vector} and the settings are null on a row whose {@code error} says why. */
    public static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("size", DataTypes.LongType, false)
            .add("mtime", DataTypes.LongType, false)
            .add("backbone", DataTypes.StringType, true)
            .add("backbone_sha256", DataTypes.StringType, true)
            .add("layer", DataTypes.StringType, true)
            .add("tensor", DataTypes.StringType, true)
            .add("descriptor", DataTypes.StringType, true)
            .add("image_size", DataTypes.IntegerType, true)
            .add("dimension", DataTypes.IntegerType, true)
            .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add("error", DataTypes.StringType, true);

    /** The settings columns, in {@link ImageIndex.Settings}' order. */
    static final String[] SETTINGS = {"backbone", "backbone_sha256", "layer", "tensor", "descriptor", "image_size",
            "dimension"};

    private FeatureRow() {
    }

    static Row of(String path, long size, long mtime, ImageIndex.Settings s, float[] vector) {
        return RowFactory.create(path, size, mtime, s.backbone(), s.backboneSha256(), s.layer(), s.tensor(),
                s.descriptor(), s.size(), s.dimension(), boxed(vector), null);
    }

    static Row failed(String path, long size, long mtime, String error) {
        return RowFactory.create(path, size, mtime, null, null, null, null, null, null, null, null, error);
    }

    /** The settings of a row (columns {@link #SETTINGS} first, as selected). */
    static ImageIndex.Settings settings(Row r) {
        return new ImageIndex.Settings(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                r.getString(4), r.getInt(5), r.getInt(6));
    }

    static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** A Parquet {@code array<float>} column value as floats. */
    static float[] floats(java.util.List<Float> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
