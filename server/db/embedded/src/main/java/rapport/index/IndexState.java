package rapport.index;

import org.h2.mvstore.MVMap;

/**
 * Facts about one index that outlive the process, kept in its collection's meta map (so they are
 * committed with the entries): whether it was fully built, and whether any document ever gave it
 * more than one key (then index order is not sort order). Multikey is never cleared, as in MongoDB.
 */
public final class IndexState {

    private final MVMap<String, Object> meta;
    private final String builtKey;
    private final String multikeyKey;
    private boolean multikey;

    public IndexState(MVMap<String, Object> meta, String indexName) {
        this.meta = meta;
        this.builtKey = "rapport.index." + indexName + ".built";
        this.multikeyKey = "rapport.index." + indexName + ".multikey";
        this.multikey = Boolean.TRUE.equals(meta.get(multikeyKey));
    }

    boolean built() {
        return Boolean.TRUE.equals(meta.get(builtKey));
    }

    void markBuilt() {
        meta.put(builtKey, Boolean.TRUE);
    }

    boolean multikey() {
        return multikey;
    }

    void markMultikey() {
        if (!multikey) {
            multikey = true;
            meta.put(multikeyKey, Boolean.TRUE);
        }
    }

    /** Forgets everything, when the index is dropped. */
    public void forget() {
        meta.remove(builtKey);
        meta.remove(multikeyKey);
    }
}
