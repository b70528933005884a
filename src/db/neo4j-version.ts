// The one pinned Neo4j version: Maven coordinates, docker-compose.yml, the Dockerfile and testcontainers all use it.
export const NEO4J_VERSION = '5.26.30';
export const NEO4J_IMAGE = `neo4j:${NEO4J_VERSION}-community`;
