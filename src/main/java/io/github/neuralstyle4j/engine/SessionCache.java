package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.backbone.LibC;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sessions of recent runs, kept open for the next run with the same taps and image size (opening them costs
 * the gradient graph's construction and ORT's graph optimisation). Holds at most {@code capacity} sets, closing the
 * least recently used; owns every set it holds and closes them all in {@link #close()}. Not thread-safe: one run at
 * a time uses it.
 */
public final class SessionCache implements AutoCloseable {

    /** What decides a set of sessions: the graph (after a pooling swap), the taps, the Gram placement, the size. */
    private record Key(FeatureGraph graph, GramPlacement placement, List<String> contentTaps, List<String> styleTaps,
                       long height, long width) {
    }

    private final OrtRuntime runtime;
    private final int capacity;
    private final LinkedHashMap<Key, TapSessions> open = new LinkedHashMap<>(16, 0.75f, true);

    /** @param capacity how many sets stay open between runs (>= 1) */
    public SessionCache(OrtRuntime runtime, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("session cache capacity must be >= 1, got " + capacity);
        }
        this.runtime = runtime;
        this.capacity = capacity;
    }

    /** The runtime the sessions are opened with. */
    public OrtRuntime runtime() {
        return runtime;
    }

    /** The sessions for these taps at this size, opened now or kept from an earlier run; the cache owns them. */
    public TapSessions sessions(FeatureGraph graph, GramPlacement placement, List<String> contentTaps,
                                List<String> styleTaps, long height, long width) {
        Key key = new Key(graph, placement, List.copyOf(contentTaps), List.copyOf(styleTaps), height, width);
        TapSessions cached = open.get(key);
        if (cached != null) {
            return cached;
        }
        // room first: the evicted sessions' memory is returned before the new ones take theirs
        boolean evicted = false;
        while (open.size() >= capacity) {
            Iterator<Map.Entry<Key, TapSessions>> eldest = open.entrySet().iterator();
            TapSessions closing = eldest.next().getValue();
            eldest.remove();
            closing.close();
            evicted = true;
        }
        if (evicted) {
            LibC.trimNativeHeap();
        }
        TapSessions created = placement.open(runtime, graph, contentTaps, styleTaps, height, width);
        open.put(key, created);
        return created;
    }

    /**
     * Closes every set and returns the freed memory to the system (glibc keeps freed pages otherwise, and they
     * counted against the next stage's peak): their sizes will not come again soon (a schedule's earlier stages).
     */
    public void clear() {
        if (!open.isEmpty()) {
            close();
            LibC.trimNativeHeap();
        }
    }

    /**
     * Closes the sets of every image size but {@code keep}'s (width × height pairs), and returns their memory to
     * the system: a run's memory plan counts the sessions of its own sizes only.
     */
    public void retainSizes(java.util.Collection<io.github.neuralstyle4j.image.Resize.Size> keep) {
        boolean closed = false;
        for (Iterator<Map.Entry<Key, TapSessions>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, TapSessions> e = it.next();
            Key k = e.getKey();
            if (keep.stream().noneMatch(s -> s.width() == k.width() && s.height() == k.height())) {
                it.remove();
                e.getValue().close();
                closed = true;
            }
        }
        if (closed) {
            LibC.trimNativeHeap();
        }
    }

    /** How many sets are open. */
    public int size() {
        return open.size();
    }

    @Override
    public void close() {
        try (NativeScope scope = new NativeScope()) {
            open.values().forEach(scope::own);
            open.clear();
        }
    }
}
