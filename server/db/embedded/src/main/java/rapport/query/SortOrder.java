package rapport.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;

/** A query's sort specification as (field, ascending) pairs; {@code $natural} is not a field. */
public final class SortOrder {

    public static final class Key {
        public final String field;
        public final boolean ascending;

        Key(String field, boolean ascending) {
            this.field = field;
            this.ascending = ascending;
        }
    }

    private final List<Key> keys;

    private SortOrder(List<Key> keys) {
        this.keys = keys;
    }

    /** Null for a {@code $natural} sort, which only a collection scan gives. */
    public static SortOrder of(Document orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return new SortOrder(Collections.emptyList());
        }
        List<Key> keys = new ArrayList<>();
        for (Map.Entry<String, Object> entry : orderBy.entrySet()) {
            if (entry.getKey().startsWith("$")) {
                return null;
            }
            Object direction = entry.getValue();
            if (!(direction instanceof Number)) {
                // e.g. {$meta: "textScore"}: leave it to the stock sort
                return null;
            }
            keys.add(new Key(entry.getKey(), ((Number) direction).doubleValue() >= 0));
        }
        return new SortOrder(keys);
    }

    public List<Key> keys() {
        return keys;
    }
}
