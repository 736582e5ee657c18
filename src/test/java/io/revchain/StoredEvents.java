package io.revchain;

import com.mongodb.client.model.Filters;
import java.util.regex.Pattern;
import org.bson.conversions.Bson;

/**
 * Filters on the events collection as an operator writes them: a compact event document names its aggregate only in
 * its stream key ({@code journey:L-42/7}), which a prefix match reads from the unique index on real MongoDB.
 */
public final class StoredEvents {

    private StoredEvents() {
    }

    /** The events of one aggregate, e.g. {@code journey:L-42}. */
    public static Bson ofAggregate(String aggregateId) {
        return Filters.regex("stream", "^" + Pattern.quote(aggregateId + "/"));
    }

    /** The events of every aggregate whose id has this prefix, e.g. {@code journey:} for every journey. */
    public static Bson ofAggregatesPrefixed(String prefix) {
        return Filters.regex("stream", "^" + Pattern.quote(prefix));
    }
}
