package io.github.neuralstyle4j.search;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An on-disk Lucene index of image descriptors: one document per image (its path as the key), its unit descriptor
 * in an HNSW {@link KnnFloatVectorField} compared by dot product (= cosine), and the index's {@link Settings} in
 * the commit data, so that every later add or query can be checked against what the index was built with.
 */
public final class ImageIndex implements AutoCloseable {

    static final String PATH = "path";
    static final String VECTOR = "vector";
    static final String FILE_BYTES = "file_bytes";
    static final String FILE_MTIME = "file_mtime_ms";

    /** What every vector of an index was computed with. */
    public record Settings(String backbone, String backboneSha256, String layer, String tensor, String descriptor,
                           int size, int dimension) {

        Map<String, String> toMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("backbone", backbone);
            m.put("backbone_sha256", backboneSha256);
            m.put("layer", layer);
            m.put("tensor", tensor);
            m.put("descriptor", descriptor);
            m.put("size", Integer.toString(size));
            m.put("dimension", Integer.toString(dimension));
            return m;
        }

        static Optional<Settings> fromMap(Map<String, String> m) {
            if (!m.containsKey("backbone_sha256")) {
                return Optional.empty();
            }
            return Optional.of(new Settings(m.get("backbone"), m.get("backbone_sha256"), m.get("layer"),
                    m.get("tensor"), m.get("descriptor"), Integer.parseInt(m.get("size")),
                    Integer.parseInt(m.get("dimension"))));
        }

        public String describe() {
            return "backbone " + backbone + " (sha256 " + backboneSha256.substring(0, Math.min(12, backboneSha256.length()))
                    + "…), layer " + layer + ", descriptor " + descriptor + ", " + size + " px";
        }

        /** Fails with a message naming both sides when {@code other} would give incomparable vectors. */
        public void requireSameAs(Settings other, Path index) {
            List<String> diffs = new ArrayList<>();
            if (!backboneSha256.equals(other.backboneSha256)) {
                diffs.add("backbone " + other.backbone + " instead of " + backbone + " (another features.onnx)");
            }
            if (!tensor.equals(other.tensor)) {
                diffs.add("layer " + other.layer + " instead of " + layer);
            }
            if (!descriptor.equals(other.descriptor)) {
                diffs.add("descriptor " + other.descriptor + " instead of " + descriptor);
            }
            if (size != other.size) {
                diffs.add("size " + other.size + " instead of " + size);
            }
            if (!diffs.isEmpty()) {
                throw new SearchException("index " + index + " was built with " + describe() + "; refusing "
                        + String.join(", ", diffs) + " (use the index's settings or another --index)");
            }
        }
    }

    /** One match: rank from 1, cosine similarity of the descriptors, the indexed path. */
    public record Hit(int rank, float cosine, String path) {
    }

    private final Path location;
    private final Directory directory;
    private final IndexWriter writer;
    private Settings settings;

    private ImageIndex(Path location, Directory directory, IndexWriter writer, Settings settings) {
        this.location = location;
        this.directory = directory;
        this.writer = writer;
        this.settings = settings;
    }

    /** Opens (or creates) the index in {@code dir} for writing. */
    public static ImageIndex openForWriting(Path dir) {
        try {
            Files.createDirectories(dir);
            Directory d = FSDirectory.open(dir);
            Settings existing = DirectoryReader.indexExists(d) ? readSettings(d).orElse(null) : null;
            IndexWriterConfig cfg = new IndexWriterConfig().setCodec(codec())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            return new ImageIndex(dir, d, new IndexWriter(d, cfg), existing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The settings an existing index was built with; empty when {@code dir} holds no index. */
    public static Optional<Settings> settingsOf(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Directory d = FSDirectory.open(dir)) {
            return DirectoryReader.indexExists(d) ? readSettings(d) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Settings> readSettings(Directory d) throws IOException {
        try (DirectoryReader r = DirectoryReader.open(d)) {
            return Settings.fromMap(r.getIndexCommit().getUserData());
        }
    }

    /** Lucene's current codec with an HNSW format that accepts the wide style descriptors. */
    static Lucene912Codec codec() {
        return new Lucene912Codec() {
            private final KnnVectorsFormat wide = new WideHnswVectorsFormat();

            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return wide;
            }
        };
    }

    public Optional<Settings> settings() {
        return Optional.ofNullable(settings);
    }

    /** Records the settings of a new index, or checks them against an existing one's. */
    public void bind(Settings wanted) {
        if (settings == null) {
            settings = wanted;
            writer.setLiveCommitData(wanted.toMap().entrySet());
        } else {
            settings.requireSameAs(wanted, location);
        }
    }

    /** Adds an image's descriptor, replacing any earlier entry for the same path. */
    public void put(String path, long fileBytes, long mtimeMillis, float[] vector) {
        if (settings == null) {
            throw new IllegalStateException("bind(settings) first");
        }
        if (vector.length != settings.dimension()) {
            throw new IllegalArgumentException(vector.length + " values, the index holds " + settings.dimension());
        }
        Document doc = new Document();
        doc.add(new StringField(PATH, path, Field.Store.YES));
        doc.add(new StoredField(FILE_BYTES, fileBytes));
        doc.add(new StoredField(FILE_MTIME, mtimeMillis));
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        try {
            writer.updateDocument(new Term(PATH, path), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the entry of a path; false when the index has none. */
    public boolean remove(String path) {
        Term term = new Term(PATH, path);
        try (DirectoryReader r = DirectoryReader.open(writer)) {
            if (new IndexSearcher(r).count(new TermQuery(term)) == 0) {
                return false;
            }
            writer.deleteDocuments(term);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int count() {
        try (DirectoryReader r = DirectoryReader.open(writer)) {
            return r.numDocs();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits (the settings included) and closes; the index is on disk. */
    @Override
    public void close() {
        try {
            if (settings != null) {
                writer.setLiveCommitData(settings.toMap().entrySet());
            }
            writer.commit();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the index " + location + ": " + e.getMessage(), e);
        }
    }

    /** The {@code k} nearest entries of a unit vector, best first (HNSW search). */
    public static List<Hit> query(Path dir, float[] vector, int k) {
        try (Directory d = FSDirectory.open(dir); DirectoryReader r = DirectoryReader.open(d)) {
            IndexSearcher searcher = new IndexSearcher(r);
            TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, vector, k), k);
            List<Hit> hits = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                String path = stored.document(sd.doc).get(PATH);
                // DOT_PRODUCT scores are (1 + dot) / 2
                hits.add(new Hit(hits.size() + 1, 2 * sd.score - 1, path));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index " + dir + ": " + e.getMessage(), e);
        }
    }
}
