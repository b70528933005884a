// The graph's version: one (:GraphVersion) node whose token the loader and every curation write (the only writers)
// replace inside their own transaction. A reader that cached something derived from the graph (the stats answer)
// compares tokens with one cheap read, so every instance sees a write made through any other at its next read.
export const GRAPH_VERSION_LABEL = 'GraphVersion';
export const GRAPH_VERSION_ID = 'graph';

/** A fresh random token (never a counter: a graph wiped and reloaded must not come back to a token seen before). */
export const BUMP_GRAPH_VERSION = `MERGE (g:${GRAPH_VERSION_LABEL} {id: '${GRAPH_VERSION_ID}'}) SET g.token = randomUUID()`;

/** Gives a graph that predates the node (or was written without it) a token, so its readers can cache. */
export const ENSURE_GRAPH_VERSION = `MERGE (g:${GRAPH_VERSION_LABEL} {id: '${GRAPH_VERSION_ID}'})
ON CREATE SET g.token = randomUUID()`;

/** The current token as `token` (null when there is no node: then nothing may be cached). */
export const READ_GRAPH_VERSION = `OPTIONAL MATCH (gv:${GRAPH_VERSION_LABEL} {id: '${GRAPH_VERSION_ID}'})
WITH gv.token AS token`;
