package rapport.index;

import java.util.Arrays;

/**
 * One entry of an {@link OrderedIndex}: the indexed values of one document, then the document's
 * position (its {@code _id}). The position makes every entry unique, so one index map serves
 * unique and non-unique indexes alike.
 *
 * <p>Search keys may hold {@link Edge} markers in place of values; stored entries never do.
 */
public final class IndexEntry {

    /** Sorts before ({@code FIRST}) or after ({@code LAST}) every value, whatever the field's direction. */
    public enum Edge {
        FIRST, LAST
    }

    private final Object[] values;
    private final Object position;

    public IndexEntry(Object[] values, Object position) {
        this.values = values;
        this.position = position;
    }

    /** A search key: the given leading values, then {@code edge} for every later field and the position. */
    public static IndexEntry bound(Object[] leading, int fieldCount, Edge edge) {
        Object[] values = new Object[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            values[i] = i < leading.length ? leading[i] : edge;
        }
        return new IndexEntry(values, edge);
    }

    public int size() {
        return values.length;
    }

    public Object value(int field) {
        return values[field];
    }

    public Object position() {
        return position;
    }

    @Override
    public String toString() {
        return Arrays.toString(values) + "@" + position;
    }
}
