package rapport.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The per-field conditions of a query filter that an index can serve: equality ({@code {f: v}},
 * {@code $eq}, {@code $in}) and ranges ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}) on
 * plain values, at the top level or inside {@code $and}. $or, $not, $elemMatch, regular
 * expressions, whole-array and subdocument equality are not used for index bounds.
 */
public final class FilterConditions {

    private final Map<String, FieldCondition> byField = new LinkedHashMap<>();

    private FilterConditions() {
    }

    public static FilterConditions of(Document filter) {
        FilterConditions conditions = new FilterConditions();
        if (filter != null) {
            conditions.collect(filter);
        }
        return conditions;
    }

    public FieldCondition get(String field) {
        return byField.get(field);
    }

    private FieldCondition field(String name) {
        return byField.computeIfAbsent(name, k -> new FieldCondition());
    }

    private void collect(Document filter) {
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.equals("$and") && value instanceof Collection) {
                for (Object part : (Collection<?>) value) {
                    if (part instanceof Document) {
                        collect((Document) part);
                    }
                }
            } else if (!key.startsWith("$")) {
                collectField(key, value);
            }
        }
    }

    private void collectField(String name, Object value) {
        if (isPlainValue(value)) {
            field(name).setEquals(Collections.singletonList(value));
            return;
        }
        if (!(value instanceof Document) || BsonRegularExpression.isRegularExpression(value)) {
            return;
        }
        Document operators = (Document) value;
        if (operators.isEmpty() || !operators.keySet().stream().allMatch(k -> k.startsWith("$"))) {
            return;
        }
        for (Map.Entry<String, Object> operator : operators.entrySet()) {
            Object operand = operator.getValue();
            switch (operator.getKey()) {
                case "$eq":
                    if (isPlainValue(operand)) {
                        field(name).setEquals(Collections.singletonList(operand));
                    }
                    break;
                case "$in":
                    List<Object> values = plainValues(operand);
                    if (values != null) {
                        field(name).setEquals(values);
                    }
                    break;
                case "$gt":
                case "$gte":
                    if (isPlainValue(operand) && operand != null) {
                        field(name).setLower(operand, operator.getKey().equals("$gte"));
                    }
                    break;
                case "$lt":
                case "$lte":
                    if (isPlainValue(operand) && operand != null) {
                        field(name).setUpper(operand, operator.getKey().equals("$lte"));
                    }
                    break;
                default:
                    // Checked on the candidates only.
                    break;
            }
        }
    }

    /** The $in list when every member is a plain value; null otherwise (e.g. a regex inside). */
    private static List<Object> plainValues(Object operand) {
        if (!(operand instanceof Collection) || ((Collection<?>) operand).isEmpty()) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (Object member : (Collection<?>) operand) {
            if (!isPlainValue(member)) {
                return null;
            }
            values.add(member);
        }
        return values;
    }

    /** Values whose equality and order the index key order reproduces exactly. */
    static boolean isPlainValue(Object value) {
        return value == null
            || value instanceof String
            || value instanceof Number
            || value instanceof ObjectId
            || value instanceof Boolean
            || value instanceof Instant
            || value instanceof UUID;
    }
}
