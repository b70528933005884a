// The graph's version: one (:GraphVersion) node whose token the loader and every curation write (the only writers)
// replace inside their own transaction. A reader that cached something derived from the graph (the stats answer)
// compares tokens with one cheap read, so every instance sees a write made through any other at its next read.
export const GRAPH_VERSION_LABEL = 'GraphVersion';
export const GRAPH_VERSION_ID = 'graph';

/**
 * A fresh random token (never a counter: a graph wiped and reloaded must not come back to a token seen before). The
 * loader's bump: what the graph holds is unknown afterwards, so the stored count of unsourced facts is dropped (the
 * loader counts again once its load has committed: STORE_UNSOURCED).
 */
export const BUMP_GRAPH_VERSION = `MERGE (g:${GRAPH_VERSION_LABEL} {id: '${GRAPH_VERSION_ID}'})
SET g.token = randomUUID(), g.unsourced = null, g.unsourcedAt = null`;

/**
 * A curation write's bump: a new token, and the stored count of unsourced facts carried over to it when it was
 * current, adjusted by the write's own change once that is known (ADJUST_UNSOURCED, same transaction).
 */
export const BUMP_GRAPH_VERSION_CARRYING_UNSOURCED = `MERGE (g:${GRAPH_VERSION_LABEL} {id: '${GRAPH_VERSION_ID}'})
WITH g, g.unsourcedAt IS NOT NULL AND g.unsourcedAt = g.token AS known
SET g.token = randomUUID()
WITH g, known
SET g.unsourcedAt = CASE WHEN known THEN g.token ELSE null END,
    g.unsourced = CASE WHEN known THEN g.unsourced ELSE null END`;

/** Adds $delta (a curation write's change) to the stored count of unsourced facts, when it is current. */
export const ADJUST_UNSOURCED = `MATCH (g:${GRAPH_VERSION_LABEL} {id: '${GRAPH_VERSION_ID}'})
WHERE g.unsourcedAt = g.token
SET g.unsourced = g.unsourced + $delta`;

/** Stores the count of unsourced facts taken at version $token, unless another write has replaced it since. */
export const STORE_UNSOURCED = `MATCH (g:${GRAPH_VERSION_LABEL} {id: '${GRAPH_VERSION_ID}'})
WHERE g.token = $token
SET g.unsourced = $unsourced, g.unsourcedAt = $token`;

/** Gives a graph that predates the node (or was written without it) a token, so its readers can cache. */
export const ENSURE_GRAPH_VERSION = `MERGE (g:${GRAPH_VERSION_LABEL} {id: '${GRAPH_VERSION_ID}'})
ON CREATE SET g.token = randomUUID()`;

/**
 * The current token as `token` (null when there is no node: then nothing may be cached), and the stored count of
 * unsourced facts as `storedUnsourced` when it was taken at this token (else null).
 */
export const READ_GRAPH_VERSION = `OPTIONAL MATCH (gv:${GRAPH_VERSION_LABEL} {id: '${GRAPH_VERSION_ID}'})
WITH gv.token AS token, CASE WHEN gv.unsourcedAt = gv.token THEN gv.unsourced END AS storedUnsourced`;
