package io.github.neuralstyle4j.search;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

import java.io.IOException;

/**
 * Lucene's HNSW format (Lucene99) with a higher dimension limit: a style descriptor (the upper triangle of a C×C
 * Gram matrix) has C(C+1)/2 values, 131,328 for 512 channels, above Lucene's default limit of 1024. Registered
 * through {@code META-INF/services} so that an index written with it can be read back.
 */
public final class WideHnswVectorsFormat extends KnnVectorsFormat {

    public static final String NAME = "NeuralStyle4jWideHnsw";
    /** Enough for the Gram upper triangle of 724 channels. */
    public static final int MAX_DIMENSIONS = 1 << 18;

    private final KnnVectorsFormat delegate = new Lucene99HnswVectorsFormat();

    public WideHnswVectorsFormat() {
        super(NAME);
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return delegate.fieldsWriter(state);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return delegate.fieldsReader(state);
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return MAX_DIMENSIONS;
    }
}
