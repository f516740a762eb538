package rapport.index;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import rapport.EngineStats;

/**
 * A unique or non-unique index kept in its own MVStore map of {@link IndexEntry} keys, in index
 * order. It lives in the same store as the documents, so one commit persists both together, and a
 * reopened store needs no rebuild. Queries use it through {@link #scan}; the stock lookup methods
 * ({@code canHandle}/{@code getPositions}) are never used because the collection plans queries itself.
 *
 * <p>Positions are document {@code _id}s, as in the stock H2 collection.
 */
public final class OrderedIndex extends Index<Object> {

    private static final String ID_FIELD = "_id";

    private final MVMap<IndexEntry, Boolean> entries;
    private final IndexEntryType type;
    private final IndexState state;
    private final boolean unique;
    private final List<String> fields;

    public OrderedIndex(String name, List<IndexKey> keys, boolean sparse, boolean unique,
                        MVMap<IndexEntry, Boolean> entries, IndexEntryType type, IndexState state) {
        super(name, keys, sparse);
        this.entries = entries;
        this.type = type;
        this.state = state;
        this.unique = unique;
        this.fields = keys.stream().map(IndexKey::getKey).collect(Collectors.toUnmodifiableList());
    }

    public List<String> fields() {
        return fields;
    }

    public boolean ascending(int field) {
        return getKeys().get(field).isAscending();
    }

    @Override
    public boolean isSparse() {
        return super.isSparse();
    }

    @Override
    public boolean isUnique() {
        return unique;
    }

    public boolean isMultikey() {
        return state.multikey();
    }

    public boolean isBuilt() {
        return state.built();
    }

    public void markBuilt() {
        state.markBuilt();
    }

    /** Null when a sparse index leaves the document out. */
    private IndexKeys keysOf(Document document) {
        IndexKeys keys = IndexKeys.of(document, fields);
        return isSparse() && !keys.anyValue() ? null : keys;
    }

    private static Object positionOf(Document document) {
        return document.get(ID_FIELD);
    }

    /** The first entry with these values that belongs to a document other than {@code position}, or null. */
    private IndexEntry conflicting(Object[] values, Object position) {
        IndexEntry from = IndexEntry.bound(values, values.length, IndexEntry.Edge.FIRST);
        IndexEntry to = IndexEntry.bound(values, values.length, IndexEntry.Edge.LAST);
        Cursor<IndexEntry, Boolean> cursor = entries.cursor(from, to, false);
        while (cursor.hasNext()) {
            IndexEntry entry = cursor.next();
            if (position == null || type.compare(new IndexEntry(values, position), entry) != 0) {
                return entry;
            }
        }
        return null;
    }

    private void refuseDuplicates(IndexKeys keys, Object position, MongoCollection<Object> collection) {
        if (!unique || keys == null) {
            return;
        }
        for (Object[] values : keys.tuples()) {
            if (conflicting(values, position) != null) {
                throw new DuplicateKeyError(this, collection, getKeys(), new KeyValue((Object[]) values.clone()));
            }
        }
    }

    @Override
    public Object getPosition(Document document) {
        // Only a unique index can name the one document with these values.
        if (!unique) {
            return null;
        }
        IndexKeys keys = keysOf(document);
        if (keys == null) {
            return null;
        }
        for (Object[] values : keys.tuples()) {
            IndexEntry entry = conflicting(values, null);
            if (entry != null) {
                return entry.position();
            }
        }
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // A new document has no entries yet, so any entry with its values is another document's,
        // even one with the same position (for the _id index, that is a duplicate _id).
        refuseDuplicates(keysOf(document), null, collection);
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        IndexKeys keys = keysOf(document);
        if (keys == null) {
            return;
        }
        refuseDuplicates(keys, position, collection);
        put(keys, position);
    }

    private void put(IndexKeys keys, Object position) {
        if (keys.multikey()) {
            state.markMultikey();
        }
        for (Object[] values : keys.tuples()) {
            entries.put(new IndexEntry(values, position), Boolean.TRUE);
        }
    }

    private void delete(IndexKeys keys, Object position) {
        for (Object[] values : keys.tuples()) {
            entries.remove(new IndexEntry(values, position));
        }
    }

    @Override
    public Object remove(Document document) {
        IndexKeys keys = keysOf(document);
        if (keys == null) {
            return null;
        }
        Object position = positionOf(document);
        delete(keys, position);
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        IndexKeys newKeys = keysOf(newDocument);
        if (sameKeys(keysOf(oldDocument), newKeys)) {
            return;
        }
        refuseDuplicates(newKeys, positionOf(oldDocument), collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        IndexKeys oldKeys = keysOf(oldDocument);
        IndexKeys newKeys = keysOf(newDocument);
        if (sameKeys(oldKeys, newKeys)) {
            return;
        }
        refuseDuplicates(newKeys, position, collection);
        if (oldKeys != null) {
            delete(oldKeys, position);
        }
        if (newKeys != null) {
            put(newKeys, position);
        }
    }

    private boolean sameKeys(IndexKeys a, IndexKeys b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.tuples().size() != b.tuples().size()) {
            return false;
        }
        for (int i = 0; i < a.tuples().size(); i++) {
            IndexEntry x = new IndexEntry(a.tuples().get(i), null);
            IndexEntry y = new IndexEntry(b.tuples().get(i), null);
            // Values that compare equal (1 and 1.0) need no new entry: the index only ever compares.
            if (type.compareValues(x, y) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Positions of the entries from {@code from} to {@code to} in scan order: index order, or
     * reverse index order when {@code reverse}. Counted as keys examined.
     */
    public Iterator<Object> scan(IndexEntry from, IndexEntry to, boolean reverse) {
        Cursor<IndexEntry, Boolean> cursor = entries.cursor(from, to, reverse);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public Object next() {
                EngineStats.keyExamined();
                return cursor.next().position();
            }
        };
    }

    /** Forgets the persisted facts about this index, when it is dropped. */
    public void forget() {
        state.forget();
    }

    /** Removes every entry, for a rebuild. */
    public void clear() {
        entries.clear();
    }

    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("queries use the planner, not getPositions");
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        // The database removes the map itself.
    }
}
