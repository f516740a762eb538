package rapport.query;

import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.backend.ValueComparator;
import rapport.index.OrderedIndex;

/**
 * Picks the index that answers a query with the fewest candidates: one whose leading fields all
 * have equality conditions (a prefix of a compound index is enough), preferring a unique index
 * fully covered by equalities (at most one candidate), then the most equality fields, then a range
 * on the next field, then one whose order is the requested sort. Returns null when no index
 * narrows the query (or gives a limited sort), i.e. a collection scan is as good.
 */
public final class QueryPlanner {

    /** More combinations of $in values than this are not worth one index scan each. */
    static final int MAX_RANGES = 1000;

    private QueryPlanner() {
    }

    public static QueryPlan choose(FilterConditions conditions, SortOrder sort, boolean limited,
                                   List<OrderedIndex> indexes) {
        QueryPlan best = null;
        int[] bestScore = null;
        for (OrderedIndex index : indexes) {
            Candidate candidate = consider(index, conditions, sort, limited);
            if (candidate != null && (bestScore == null || compare(candidate.score, bestScore) > 0)) {
                best = candidate.plan;
                bestScore = candidate.score;
            }
        }
        return best;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static final class Candidate {
        final QueryPlan plan;
        final int[] score;

        Candidate(QueryPlan plan, int[] score) {
            this.plan = plan;
            this.score = score;
        }
    }

    private static Candidate consider(OrderedIndex index, FilterConditions conditions, SortOrder sort, boolean limited) {
        List<String> fields = index.fields();
        int fieldCount = fields.size();

        List<List<Object>> prefixValues = new ArrayList<>();
        long combinations = 1;
        boolean singleValued = true;
        for (String field : fields) {
            FieldCondition condition = conditions.get(field);
            // A sparse index lacks the documents where the field is missing, which null matches.
            if (condition == null || !condition.hasEquality() || (index.isSparse() && condition.allowsNull())) {
                break;
            }
            List<Object> values = inIndexOrder(condition.equalsAnyOf(), index.ascending(prefixValues.size()));
            if (combinations * values.size() > MAX_RANGES) {
                break;
            }
            combinations *= values.size();
            singleValued &= values.size() == 1;
            prefixValues.add(values);
        }
        int prefix = prefixValues.size();

        FieldCondition.Limit lower = null;
        FieldCondition.Limit upper = null;
        if (prefix < fieldCount) {
            FieldCondition range = conditions.get(fields.get(prefix));
            if (range != null && range.hasRange()) {
                lower = range.lower();
                upper = range.upper();
                // With arrays, each end may be met by a different element, so one end only.
                if (index.isMultikey() && lower != null) {
                    upper = null;
                }
            }
        }
        boolean hasRange = lower != null || upper != null;

        // Sort keys on prefix fields fixed to one value do not order anything (unless arrays are
        // involved: then the sort uses an array's smallest or largest element).
        List<SortOrder.Key> sortKeys = new ArrayList<>();
        for (SortOrder.Key key : sort.keys()) {
            int position = fields.indexOf(key.field);
            boolean fixed = !index.isMultikey() && position >= 0 && position < prefix
                && prefixValues.get(position).size() == 1;
            if (!fixed) {
                sortKeys.add(key);
            }
        }
        Boolean reverse = sortKeys.isEmpty() ? Boolean.FALSE : orderDirection(index, prefix, singleValued, sortKeys);
        boolean providesOrder = reverse != null;
        boolean sortsForUs = providesOrder && !sortKeys.isEmpty();

        boolean usable = prefix > 0 || hasRange || (sortsForUs && limited && !index.isSparse());
        if (!usable) {
            return null;
        }
        boolean atMostOne = index.isUnique() && prefix == fieldCount && combinations == 1;
        int[] score = {atMostOne ? 1 : 0, prefix, hasRange ? 1 : 0, sortsForUs ? 1 : 0,
            index.isUnique() ? 1 : 0, -fieldCount};
        QueryPlan plan = new QueryPlan(index, prefixValues, lower, upper,
            Boolean.TRUE.equals(reverse), providesOrder);
        return new Candidate(plan, score);
    }

    /**
     * Whether scanning the index gives the sort: the sort keys must be the index fields right after
     * the equality prefix, all in index direction (forward scan, FALSE) or all opposite (backward
     * scan, TRUE). Null when the index cannot give this order.
     */
    private static Boolean orderDirection(OrderedIndex index, int prefix, boolean singleValued,
                                          List<SortOrder.Key> sortKeys) {
        // Several equality values mean several scans, whose concatenation is not sorted; arrays
        // make a document appear at several places.
        if (!singleValued || index.isMultikey() || prefix + sortKeys.size() > index.fields().size()) {
            return null;
        }
        Boolean reverse = null;
        for (int i = 0; i < sortKeys.size(); i++) {
            SortOrder.Key key = sortKeys.get(i);
            if (!key.field.equals(index.fields().get(prefix + i))) {
                return null;
            }
            boolean opposite = key.ascending != index.ascending(prefix + i);
            if (reverse == null) {
                reverse = opposite;
            } else if (reverse != opposite) {
                return null;
            }
        }
        return reverse;
    }

    private static List<Object> inIndexOrder(List<Object> values, boolean ascending) {
        List<Object> sorted = new ArrayList<>(values);
        ValueComparator comparator = ValueComparator.ascWithoutListHandling();
        sorted.sort(ascending ? comparator : comparator.reversed());
        return sorted;
    }
}
