// Builds the @neo4j/graphql schema of the peer from its type definitions.
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { Driver } from 'neo4j-driver';
import { peerTypeDefs } from './type-defs.js';

export async function buildPeerSchema(driver: Driver) {
  return new Neo4jGraphQL({ typeDefs: peerTypeDefs, driver }).getSchema();
}
