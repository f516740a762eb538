package rapport.query;

import java.util.List;

/**
 * What a filter says about one field that an index can use: the values it must equal (one, or
 * several from $in), and/or a range. Anything else the filter says is checked on each candidate
 * document anyway, so leaving it out here only widens the scan, never changes the result.
 */
public final class FieldCondition {

    /** One end of a range. */
    public static final class Limit {
        public final Object value;
        public final boolean inclusive;

        Limit(Object value, boolean inclusive) {
            this.value = value;
            this.inclusive = inclusive;
        }
    }

    private List<Object> equals;
    private Limit lower;
    private Limit upper;

    public List<Object> equalsAnyOf() {
        return equals;
    }

    public Limit lower() {
        return lower;
    }

    public Limit upper() {
        return upper;
    }

    public boolean hasEquality() {
        return equals != null;
    }

    public boolean hasRange() {
        return lower != null || upper != null;
    }

    public boolean allowsNull() {
        return equals != null && equals.contains(null);
    }

    // A field may be constrained twice (e.g. once inside $and); keeping the first of each kind is
    // enough, because every constraint kept is one the documents must satisfy anyway.

    void setEquals(List<Object> values) {
        if (equals == null) {
            equals = values;
        }
    }

    void setLower(Object value, boolean inclusive) {
        if (lower == null) {
            lower = new Limit(value, inclusive);
        }
    }

    void setUpper(Object value, boolean inclusive) {
        if (upper == null) {
            upper = new Limit(value, inclusive);
        }
    }
}
