package rapport.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.CannotIndexParallelArraysError;

/**
 * The index keys of one document: one tuple per element when an indexed field holds an array
 * (at most one field may), a missing field indexed as null, an empty array as null too. Every
 * document that a query on these fields could match gets at least one tuple, so a scan over the
 * index never misses it.
 */
public final class IndexKeys {

    private final List<Object[]> tuples;
    private final boolean multikey;
    private final boolean anyValue;

    private IndexKeys(List<Object[]> tuples, boolean multikey, boolean anyValue) {
        this.tuples = tuples;
        this.multikey = multikey;
        this.anyValue = anyValue;
    }

    public static IndexKeys of(Document document, List<String> fields) {
        Object[] base = new Object[fields.size()];
        int arrayField = -1;
        Collection<?> arrayValues = null;
        boolean multikey = false;
        boolean anyValue = false;
        for (int i = 0; i < base.length; i++) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, fields.get(i));
            if (value instanceof Collection) {
                multikey = true;
                Collection<?> values = (Collection<?>) value;
                anyValue |= values.stream().anyMatch(v -> !(v instanceof Missing));
                if (values.isEmpty()) {
                    continue;
                }
                if (arrayField >= 0) {
                    throw new CannotIndexParallelArraysError(List.of(fields.get(arrayField), fields.get(i)));
                }
                arrayField = i;
                arrayValues = values;
            } else if (!(value instanceof Missing)) {
                anyValue = true;
                base[i] = value;
            }
        }
        List<Object[]> tuples = new ArrayList<>(arrayValues == null ? 1 : arrayValues.size());
        if (arrayValues == null) {
            tuples.add(base);
        } else {
            for (Object element : arrayValues) {
                Object[] tuple = base.clone();
                tuple[arrayField] = element instanceof Missing ? null : element;
                tuples.add(tuple);
            }
        }
        return new IndexKeys(tuples, multikey, anyValue);
    }

    public List<Object[]> tuples() {
        return tuples;
    }

    /** Some indexed field held an array, so index order is no longer document sort order. */
    public boolean multikey() {
        return multikey;
    }

    /** False when every indexed field is missing: a sparse index leaves such a document out. */
    public boolean anyValue() {
        return anyValue;
    }
}
