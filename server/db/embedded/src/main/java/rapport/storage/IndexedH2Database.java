package rapport.storage;

import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import rapport.index.IndexEntry;
import rapport.index.IndexEntryType;
import rapport.index.IndexState;
import rapport.index.OrderedIndex;

/**
 * The stock H2 database with {@link OrderedIndex}es for every index, unique or not (the stock one
 * ignores non-unique indexes), and {@link IndexedH2Collection}s that use them.
 *
 * <p>Map names: documents and collection metadata keep the stock names, so files written by the
 * stock server open; an index lives in {@code <db>.<collection>._ordered_<index>}. A stock file's
 * unique-index maps ({@code ._index_<index>}) are dropped and rebuilt in the new layout once.
 */
public class IndexedH2Database extends H2Database {

    // The stock class's map prefixes (not visible to subclasses); both must match for stock files.
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String STOCK_INDEX_INFIX = "._index_";
    private static final String INDEX_INFIX = "._ordered_";

    private MVStore store;
    private boolean initialized;
    private List<IndexedH2Collection> opened;

    public IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        // The stock constructor opens collections and indexes through our overrides before this
        // class's fields are set, so that step is skipped there and done here instead.
        super(databaseName, store, cursorRegistry);
        this.store = store;
        this.opened = new ArrayList<>();
        this.initialized = true;
        super.initializeNamespacesAndIndexes();
        List<IndexedH2Collection> toFinish = opened;
        opened = null;
        for (IndexedH2Collection collection : toFinish) {
            collection.finishOpening();
        }
    }

    @Override
    protected void initializeNamespacesAndIndexes() {
        if (initialized) {
            super.initializeNamespacesAndIndexes();
        }
    }

    /**
     * The stock aggregation reads the whole collection and filters it in its $match stage; when the
     * pipeline starts with $match, the collection hands it only the documents that match, found
     * through an index where one applies. (The $match stage still runs, on fewer documents.)
     */
    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                  Oplog oplog) {
        if (command.equalsIgnoreCase("aggregate") && query.get(command) instanceof String
            && query.get("pipeline") instanceof List) {
            List<?> pipeline = (List<?>) query.get("pipeline");
            Object first = pipeline.isEmpty() ? null : pipeline.get(0);
            Object match = first instanceof Document ? ((Document) first).get("$match") : null;
            MongoCollection<Object> collection = resolveCollection((String) query.get(command), false);
            if (match instanceof Document && collection instanceof IndexedH2Collection) {
                return ((IndexedH2Collection) collection).withLeadingMatch((Document) match,
                    () -> super.handleCommand(channel, command, query, databaseResolver, oplog));
            }
        }
        return super.handleCommand(channel, command, query, databaseResolver, oplog);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = store.openMap(DATA_PREFIX + fullName,
            new MVMap.Builder<Object, Document>().keyType(new PositionDataType())
                .valueType(new DocumentDataType()));
        MVMap<String, Object> metaMap = store.openMap(META_PREFIX + fullName);
        IndexedH2Collection collection = new IndexedH2Collection(this, collectionName, options, dataMap, metaMap,
            cursorRegistry, opened != null);
        if (opened != null) {
            opened.add(collection);
        }
        return collection;
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        return openOrderedIndex(collectionName, indexName, keys, sparse, true);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        return openOrderedIndex(collectionName, indexName, keys, sparse, false);
    }

    private OrderedIndex openOrderedIndex(String collectionName, String indexName, List<IndexKey> keys,
                                          boolean sparse, boolean unique) {
        String fullName = getFullCollectionNamespace(collectionName);
        boolean[] ascending = new boolean[keys.size()];
        for (int i = 0; i < ascending.length; i++) {
            ascending[i] = keys.get(i).isAscending();
        }
        IndexEntryType type = new IndexEntryType(ascending);
        MVMap<IndexEntry, Boolean> entries = store.openMap(fullName + INDEX_INFIX + indexName,
            new MVMap.Builder<IndexEntry, Boolean>().keyType(type));
        IndexState state = new IndexState(store.openMap(META_PREFIX + fullName), indexName);
        String stockMap = fullName + STOCK_INDEX_INFIX + indexName;
        if (store.hasMap(stockMap)) {
            store.removeMap(stockMap);
        }
        return new OrderedIndex(indexName, keys, sparse, unique, entries, type, state);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        OrderedIndex dropped = collection.getIndexes().stream()
            .filter(index -> index.getName().equals(indexName) && index instanceof OrderedIndex)
            .map(OrderedIndex.class::cast)
            .findFirst()
            .orElse(null);
        super.dropIndex(collection, indexName);
        if (dropped != null) {
            dropped.forget();
        }
        String mapName = collection.getFullName() + INDEX_INFIX + indexName;
        if (store.hasMap(mapName)) {
            store.removeMap(mapName);
        }
    }

    /**
     * The stock method renames the data and meta maps after the collection already carries its new
     * name, so it renames fresh empty maps and leaves the documents under the old name (found missing
     * after a restart). Here the maps that hold the data are renamed, and the indexes with them.
     */
    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String oldName = collection.getFullName();
        String newName = getFullCollectionNamespace(newCollectionName);
        super.moveCollection(oldDatabase, collection, newCollectionName);
        for (String prefix : new String[] {DATA_PREFIX, META_PREFIX}) {
            moveMap(prefix + oldName, prefix + newName);
        }
        String oldIndexPrefix = oldName + INDEX_INFIX;
        for (String name : new ArrayList<>(store.getMapNames())) {
            if (name.startsWith(oldIndexPrefix)) {
                moveMap(name, newName + INDEX_INFIX + name.substring(oldIndexPrefix.length()));
            }
        }
    }

    private void moveMap(String from, String to) {
        if (!store.hasMap(from) || from.equals(to)) {
            return;
        }
        if (store.hasMap(to)) {
            // The empty map the stock rename created under the new name.
            store.removeMap(to);
        }
        store.renameMap(store.openMap(from), to);
    }
}
