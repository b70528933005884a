// The floor turns search text into a Lucene query with chipgraph's own function: the text-to-query rule is input
// preparation, not the statement being measured (that stays hand-written in statements.ts).
export { luceneQuery } from '../../src/db/repositories/search-repository.js';
