// chipgraph's database contract: applied idempotently at every start and before every seed run.
// Statements are separated by semicolons; each is safe to run again (IF NOT EXISTS).

// Every entity carries :Entity as well as its kind's label; ids are unique across kinds.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT company_id IF NOT EXISTS FOR (n:Company) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_code IF NOT EXISTS FOR (n:Country) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT chip_id IF NOT EXISTS FOR (n:Chip) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT software_stack_id IF NOT EXISTS FOR (n:SoftwareStack) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT model_id IF NOT EXISTS FOR (n:Model) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT export_control_id IF NOT EXISTS FOR (n:ExportControl) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;

// Orderings and filters the API offers.
CREATE INDEX model_released IF NOT EXISTS FOR (n:Model) ON (n.released);
CREATE INDEX chip_released IF NOT EXISTS FOR (n:Chip) ON (n.released);
CREATE INDEX company_name IF NOT EXISTS FOR (n:Company) ON (n.name);
CREATE INDEX chip_name IF NOT EXISTS FOR (n:Chip) ON (n.name);
CREATE INDEX model_name IF NOT EXISTS FOR (n:Model) ON (n.name);
CREATE INDEX entity_origin IF NOT EXISTS FOR (n:Entity) ON (n.origin);

// Relationship ids (type|from|to|key) for the loader's MERGE and for retractions.
CREATE INDEX rel_trained_on_id IF NOT EXISTS FOR ()-[r:TRAINED_ON]-() ON (r.id);
CREATE INDEX rel_runs_on_id IF NOT EXISTS FOR ()-[r:RUNS_ON]-() ON (r.id);
CREATE INDEX rel_ordered_id IF NOT EXISTS FOR ()-[r:ORDERED]-() ON (r.id);
CREATE INDEX rel_deploys_id IF NOT EXISTS FOR ()-[r:DEPLOYS]-() ON (r.id);

// Search over names and aliases (the API's `search`).
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Company|Country|Chip|SoftwareStack|Model|ExportControl) ON EACH [n.name, n.aliases, n.searchText];

// "Did you mean" for an unknown id: the words of every id (`nvidia-h100`: nvidia, h100), matched fuzzily.
CREATE FULLTEXT INDEX entity_ids IF NOT EXISTS
FOR (n:Company|Country|Chip|SoftwareStack|Model|ExportControl) ON EACH [n.id];

// Retracted facts, per type (a relationship index covers one type): `stats` subtracts these few from the count
// store's totals instead of scanning every relationship. One per type of src/db/ontology.ts (a test checks).
CREATE INDEX rel_headquartered_in_retracted IF NOT EXISTS FOR ()-[r:HEADQUARTERED_IN]-() ON (r.retracted);
CREATE INDEX rel_subsidiary_of_retracted IF NOT EXISTS FOR ()-[r:SUBSIDIARY_OF]-() ON (r.retracted);
CREATE INDEX rel_designs_retracted IF NOT EXISTS FOR ()-[r:DESIGNS]-() ON (r.retracted);
CREATE INDEX rel_fabricates_retracted IF NOT EXISTS FOR ()-[r:FABRICATES]-() ON (r.retracted);
CREATE INDEX rel_supplies_retracted IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.retracted);
CREATE INDEX rel_maintains_retracted IF NOT EXISTS FOR ()-[r:MAINTAINS]-() ON (r.retracted);
CREATE INDEX rel_programmed_with_retracted IF NOT EXISTS FOR ()-[r:PROGRAMMED_WITH]-() ON (r.retracted);
CREATE INDEX rel_develops_retracted IF NOT EXISTS FOR ()-[r:DEVELOPS]-() ON (r.retracted);
CREATE INDEX rel_trained_on_retracted IF NOT EXISTS FOR ()-[r:TRAINED_ON]-() ON (r.retracted);
CREATE INDEX rel_runs_on_retracted IF NOT EXISTS FOR ()-[r:RUNS_ON]-() ON (r.retracted);
CREATE INDEX rel_ordered_retracted IF NOT EXISTS FOR ()-[r:ORDERED]-() ON (r.retracted);
CREATE INDEX rel_deploys_retracted IF NOT EXISTS FOR ()-[r:DEPLOYS]-() ON (r.retracted);
CREATE INDEX rel_issued_by_retracted IF NOT EXISTS FOR ()-[r:ISSUED_BY]-() ON (r.retracted);
CREATE INDEX rel_restricts_retracted IF NOT EXISTS FOR ()-[r:RESTRICTS]-() ON (r.retracted);
CREATE INDEX rel_targets_retracted IF NOT EXISTS FOR ()-[r:TARGETS]-() ON (r.retracted);
CREATE INDEX rel_partners_with_retracted IF NOT EXISTS FOR ()-[r:PARTNERS_WITH]-() ON (r.retracted);
CREATE INDEX rel_succeeds_retracted IF NOT EXISTS FOR ()-[r:SUCCEEDS]-() ON (r.retracted);
CREATE INDEX rel_variant_of_retracted IF NOT EXISTS FOR ()-[r:VARIANT_OF]-() ON (r.retracted);

// Curation: API keys (found by the hash of the secret) and the audit trail.
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE;
CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE;
CREATE CONSTRAINT audit_record_id IF NOT EXISTS FOR (a:AuditRecord) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT audit_sequence_name IF NOT EXISTS FOR (s:AuditSequence) REQUIRE s.name IS UNIQUE;
CREATE INDEX audit_record_seq IF NOT EXISTS FOR (a:AuditRecord) ON (a.seq);

// The one node describing the loaded dataset (version, licence, record end, load time).
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (d:Dataset) REQUIRE d.id IS UNIQUE;

// The graph's version: a token the loader and every curation write replace, in their own transaction, so an
// instance can tell with one cheap read whether what it cached (the stats answer) still holds.
CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (g:GraphVersion) REQUIRE g.id IS UNIQUE;

// The public change feed (`changes`, /changes.atom): one (:Change) per change, read newest first or by subject.
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE;
CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at);
CREATE INDEX change_subject_id IF NOT EXISTS FOR (c:Change) ON (c.subjectId);
