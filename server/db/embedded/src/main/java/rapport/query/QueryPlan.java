package rapport.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import de.bwaldvogel.mongo.bson.Document;
import rapport.index.IndexEntry;
import rapport.index.IndexEntry.Edge;
import rapport.index.OrderedIndex;

/**
 * A chosen way to answer a query from one index: equality values for its first {@code prefixValues.size()}
 * fields (one scan per combination of $in values), optionally a range on the next field, scanned
 * forwards or backwards. It yields candidate positions only; the collection still applies the whole
 * filter to each candidate document.
 */
public final class QueryPlan {

    private final OrderedIndex index;
    private final List<List<Object>> prefixValues;
    private final FieldCondition.Limit lower;
    private final FieldCondition.Limit upper;
    private final boolean reverse;
    private final boolean providesOrder;

    QueryPlan(OrderedIndex index, List<List<Object>> prefixValues, FieldCondition.Limit lower,
              FieldCondition.Limit upper, boolean reverse, boolean providesOrder) {
        this.index = index;
        this.prefixValues = prefixValues;
        this.lower = lower;
        this.upper = upper;
        this.reverse = reverse;
        this.providesOrder = providesOrder;
    }

    public OrderedIndex index() {
        return index;
    }

    /** Candidates come out in the order the query asked for, so they need no sorting. */
    public boolean providesOrder() {
        return providesOrder;
    }

    public Document describe() {
        Document description = new Document("stage", "IXSCAN")
            .append("indexName", index.getName())
            .append("equalityFields", index.fields().subList(0, prefixValues.size()));
        if (lower != null || upper != null) {
            description.append("rangeField", index.fields().get(prefixValues.size()));
        }
        return description.append("direction", reverse ? "backward" : "forward")
            .append("providesSort", providesOrder);
    }

    /** Candidate positions, each once. */
    public Iterable<Object> positions() {
        List<IndexEntry[]> ranges = ranges();
        if (reverse) {
            Collections.reverse(ranges);
        }
        boolean mayRepeat = ranges.size() > 1 || index.isMultikey();
        return () -> new Iterator<>() {
            private final Set<Object> seen = mayRepeat ? new HashSet<>() : null;
            private int range;
            private Iterator<Object> current = Collections.emptyIterator();
            private Object next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    if (current.hasNext()) {
                        Object position = current.next();
                        if (seen == null || seen.add(position)) {
                            next = position;
                        }
                    } else if (range < ranges.size()) {
                        IndexEntry[] bounds = ranges.get(range++);
                        current = reverse
                            ? index.scan(bounds[1], bounds[0], true)
                            : index.scan(bounds[0], bounds[1], false);
                    } else {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object position = next;
                next = null;
                return position;
            }
        };
    }

    /** [start, end] pairs in index order, one per combination of equality values. */
    private List<IndexEntry[]> ranges() {
        List<Object[]> prefixes = new ArrayList<>();
        prefixes.add(new Object[0]);
        for (List<Object> values : prefixValues) {
            List<Object[]> longer = new ArrayList<>();
            for (Object[] prefix : prefixes) {
                for (Object value : values) {
                    Object[] extended = java.util.Arrays.copyOf(prefix, prefix.length + 1);
                    extended[prefix.length] = value;
                    longer.add(extended);
                }
            }
            prefixes = longer;
        }
        int fieldCount = index.fields().size();
        List<IndexEntry[]> ranges = new ArrayList<>(prefixes.size());
        for (Object[] prefix : prefixes) {
            if (lower == null && upper == null) {
                ranges.add(new IndexEntry[] {
                    IndexEntry.bound(prefix, fieldCount, Edge.FIRST),
                    IndexEntry.bound(prefix, fieldCount, Edge.LAST)});
            } else {
                boolean ascending = index.ascending(prefix.length);
                FieldCondition.Limit first = ascending ? lower : upper;
                FieldCondition.Limit last = ascending ? upper : lower;
                ranges.add(new IndexEntry[] {edge(prefix, first, true), edge(prefix, last, false)});
            }
        }
        return ranges;
    }

    /** The search key where the range starts ({@code atStart}) or ends, in index order. */
    private IndexEntry edge(Object[] prefix, FieldCondition.Limit limit, boolean atStart) {
        int fieldCount = index.fields().size();
        if (limit == null) {
            return IndexEntry.bound(prefix, fieldCount, atStart ? Edge.FIRST : Edge.LAST);
        }
        Object[] withValue = java.util.Arrays.copyOf(prefix, prefix.length + 1);
        withValue[prefix.length] = limit.value;
        // Including the limit value means starting before its entries or ending after them.
        return IndexEntry.bound(withValue, fieldCount, atStart == limit.inclusive ? Edge.FIRST : Edge.LAST);
    }
}
