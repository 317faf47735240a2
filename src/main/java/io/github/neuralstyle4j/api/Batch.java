package io.github.neuralstyle4j.api;

import io.github.neuralstyle4j.engine.StopRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Many runs on one {@link StyleTransfer}, one after the other (sessions are reused between items of the same size).
 * An item that fails (its request cannot be made, it does not fit in memory, its run or its handler fails) is
 * recorded and the batch goes on; a stop request ends the batch after the item it interrupted.
 */
public final class Batch {

    /**
     * One item.
     *
     * @param name    how the item is reported (e.g. its file)
     * @param request makes the item's request when its turn comes, so that its images are loaded one at a time
     */
    public record Item(String name, Supplier<Request> request) {
    }

    /**
     * What became of one item.
     *
     * @param name    the item's name
     * @param result  its result, or null when it failed before its run returned
     * @param failure why it failed, or null
     */
    public record Entry(String name, Result result, RuntimeException failure) {

        /** True when the run made its budget and its handler succeeded. */
        public boolean succeeded() {
            return failure == null && result != null && result.completed();
        }

        /** True when the batch's stop request ended this item's run early. */
        public boolean stopped() {
            return failure == null && result != null && result.stoppedBy() == Result.StoppedBy.REQUEST;
        }
    }

    private Batch() {
    }

    /**
     * Runs the items in order; {@code handler} receives each result (to write it, say) and may throw to mark the
     * item failed. Every item's request should use {@code stop} as its stop request.
     *
     * @return one entry per item attempted, in order; items after a stop are not attempted
     */
    public static List<Entry> run(StyleTransfer transfer, List<Item> items, StopRequest stop,
                                  BiConsumer<Item, Result> handler) {
        List<Entry> entries = new ArrayList<>();
        for (Item item : items) {
            if (stop.isRequested()) {
                break;
            }
            Result result = null;
            try {
                result = transfer.run(item.request().get());
                handler.accept(item, result);
                entries.add(new Entry(item.name(), result, null));
            } catch (RuntimeException e) {
                entries.add(new Entry(item.name(), result, e));
            }
        }
        return entries;
    }
}
