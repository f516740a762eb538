package rapport.query;

import de.bwaldvogel.mongo.bson.Document;

/**
 * What an in-memory sort keeps of each matching document: the top-level fields the sort reads, and
 * the document's position to read it again once its turn comes. Sorting 100,000 attempts by date
 * then holds 100,000 dates, not 100,000 whole attempts.
 */
public final class SortKey {

    private final Document fields;
    private final Object position;

    private SortKey(Document fields, Object position) {
        this.fields = fields;
        this.position = position;
    }

    public static SortKey of(Document document, Object position, Document orderBy) {
        Document fields = new Document();
        for (String path : orderBy.keySet()) {
            int dot = path.indexOf('.');
            String top = dot < 0 ? path : path.substring(0, dot);
            if (document.containsKey(top)) {
                fields.put(top, document.get(top));
            }
        }
        return new SortKey(fields, position);
    }

    /** The sort fields, laid out as in the document, for the stock document comparator. */
    public Document fields() {
        return fields;
    }

    public Object position() {
        return position;
    }
}
