package rapport.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.IndexBuildFailedException;
import de.bwaldvogel.mongo.exception.MongoServerError;
import rapport.EngineStats;
import rapport.index.OrderedIndex;
import rapport.query.FilterConditions;
import rapport.query.QueryPlan;
import rapport.query.QueryPlanner;
import rapport.query.SortKey;
import rapport.query.SortOrder;

/**
 * The stock H2 collection, but queries, updates, deletes and counts go through {@link QueryPlanner}
 * and read only the candidate documents an index yields; and its {@link OrderedIndex}es are built
 * once, in one pass over the documents, then kept up to date and reopened as they are.
 */
public class IndexedH2Collection extends H2Collection {

    private static final Logger log = LoggerFactory.getLogger(IndexedH2Collection.class);
    private static final int BUILD_BATCH = 10_000;

    private final MVMap<Object, Document> dataMap;
    /** Reads of the server's own system collections (namespaces, index descriptions) are not counted. */
    private final boolean counted;
    /** The $match an aggregation starts with, for its one read of the whole collection. */
    private Document leadingMatch;
    /** Indexes found unbuilt while the database opens; built together by {@link #finishOpening}. */
    private List<OrderedIndex> pending;

    public IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                               MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap,
                               CursorRegistry cursorRegistry, boolean opening) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.dataMap = dataMap;
        this.counted = !collectionName.startsWith("system.");
        this.pending = opening ? new ArrayList<>() : null;
    }

    private void examined() {
        if (counted) {
            EngineStats.documentExamined();
        }
    }

    @Override
    protected Document getDocument(Object position) {
        examined();
        return super.getDocument(position);
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return super.streamAllDocumentsWithPosition().peek(d -> examined());
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        if (counted) {
            EngineStats.collectionScan();
        }
        if (isNaturalDescending(orderBy)) {
            return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        Stream<DocumentWithPosition<Object>> documents = dataMap.entrySet().stream()
            .peek(e -> examined())
            .map(e -> new DocumentWithPosition<>(e.getValue(), e.getKey()));
        return assemble(query, documents, deriveComparator(orderBy), orderBy, numberToSkip, limit, batchSize,
            fieldSelector);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        QueryPlan plan = plan(query, orderBy, limit > 0);
        if (plan == null) {
            return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        Stream<DocumentWithPosition<Object>> candidates = StreamSupport.stream(plan.positions().spliterator(), false)
            .map(position -> new DocumentWithPosition<>(getDocument(position), position))
            .filter(candidate -> candidate.getDocument() != null);
        Comparator<Document> comparator = plan.providesOrder() ? null : deriveComparator(orderBy);
        return assemble(query, candidates, comparator, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * Filters, sorts, skips, limits and projects. Without a sort this streams (only what is returned
     * is held); with one, only the sort fields and positions are held while sorting, and the documents
     * that make the cut are read again afterwards.
     */
    private QueryResult assemble(Document query, Stream<DocumentWithPosition<Object>> candidates,
                                 Comparator<Document> comparator, Document orderBy, int numberToSkip, int limit,
                                 int batchSize, Document fieldSelector) {
        if (comparator == null) {
            return matchDocumentsFromStream(query, candidates.map(DocumentWithPosition::getDocument), numberToSkip,
                limit, batchSize, null, fieldSelector);
        }
        List<SortKey> keys = candidates
            .filter(candidate -> documentMatchesQuery(candidate.getDocument(), query))
            .map(candidate -> SortKey.of(candidate.getDocument(), candidate.getPosition(), orderBy))
            .collect(Collectors.toCollection(ArrayList::new));
        keys.sort(Comparator.comparing(SortKey::fields, comparator));
        Stream<SortKey> chosen = keys.stream().skip(Math.max(numberToSkip, 0));
        if (limit > 0) {
            chosen = chosen.limit(limit);
        }
        Stream<Document> documents = chosen.map(key -> getDocument(key.position())).filter(Objects::nonNull);
        return matchDocumentsFromStream(query, documents, 0, 0, batchSize, null, fieldSelector);
    }

    /** Runs an aggregation whose first stage is {@code $match: filter}; see {@link IndexedH2Database}. */
    <T> T withLeadingMatch(Document filter, Supplier<T> aggregation) {
        leadingMatch = filter;
        try {
            return aggregation.get();
        } finally {
            leadingMatch = null;
        }
    }

    @Override
    public Stream<Document> queryAllAsStream() {
        Document filter = leadingMatch;
        if (filter == null) {
            return super.queryAllAsStream();
        }
        // Only the aggregation's first read is narrowed; a later read (e.g. $unionWith of the same
        // collection) sees every document.
        leadingMatch = null;
        return StreamSupport.stream(queryDocuments(filter, null, 0, 0, 0, null).spliterator(), false);
    }

    /** The plan this collection would use, or null for a collection scan. */
    public QueryPlan plan(Document query, Document orderBy, boolean limited) {
        SortOrder sort = SortOrder.of(orderBy);
        if (sort == null) {
            return null;
        }
        return QueryPlanner.choose(FilterConditions.of(query), sort, limited, orderedIndexes());
    }

    private List<OrderedIndex> orderedIndexes() {
        return getIndexes().stream()
            .filter(OrderedIndex.class::isInstance)
            .map(OrderedIndex.class::cast)
            .collect(Collectors.toList());
    }

    @Override
    public void addIndex(Index<Object> index) {
        if (!(index instanceof OrderedIndex) || hasIndexNamed(index.getName())) {
            // The stock method handles a second declaration of the same index (or a conflict).
            super.addIndex(index);
            return;
        }
        OrderedIndex ordered = (OrderedIndex) index;
        if (!ordered.isBuilt()) {
            if (pending != null) {
                pending.add(ordered);
            } else {
                build(List.of(ordered));
            }
        }
        getIndexes().add(ordered);
    }

    private boolean hasIndexNamed(String name) {
        return getIndexes().stream().anyMatch(existing -> existing.getName().equals(name));
    }

    /** Builds the indexes that were missing when the store was opened, all in one pass. */
    void finishOpening() {
        List<OrderedIndex> toBuild = pending;
        pending = null;
        if (toBuild != null && !toBuild.isEmpty()) {
            build(toBuild, true);
        }
    }

    private void build(List<OrderedIndex> indexes) {
        build(indexes, false);
    }

    /**
     * One pass over the documents for all the given indexes. While the store opens (nothing else
     * runs yet), progress is committed every {@value #BUILD_BATCH} documents, which bounds the
     * unsaved pages held in memory; an index is marked built only at the end, so a build cut short
     * starts over. At run time (createIndexes) the command's own commit covers the whole build.
     */
    private void build(List<OrderedIndex> indexes, boolean opening) {
        long started = System.nanoTime();
        String names = indexes.stream().map(Index::getName).collect(Collectors.joining(", "));
        int total = dataMap.size();
        if (total > BUILD_BATCH) {
            log.info("building {} of {} from {} documents", names, getFullName(), total);
        }
        for (OrderedIndex index : indexes) {
            index.clear();
        }
        long done = 0;
        try {
            for (Map.Entry<Object, Document> entry : dataMap.entrySet()) {
                examined();
                for (OrderedIndex index : indexes) {
                    index.add(entry.getValue(), entry.getKey(), this);
                }
                if (++done % BUILD_BATCH == 0) {
                    // Also tells the app's launcher that start-up is progressing, not stuck.
                    log.info("building {} of {}: {} of {} documents", names, getFullName(), done, total);
                    if (opening) {
                        dataMap.getStore().commit();
                    }
                }
            }
        } catch (MongoServerError e) {
            for (OrderedIndex index : indexes) {
                index.clear();
            }
            throw new IndexBuildFailedException(e, this);
        }
        for (OrderedIndex index : indexes) {
            index.markBuilt();
        }
        if (total > 0) {
            log.info("built {} of {} from {} documents in {} ms", names, getFullName(), total,
                (System.nanoTime() - started) / 1_000_000);
        }
    }
}
