// Type definitions for @neo4j/graphql (the peer) over chipgraph's graph: same labels, relationship types and
// properties, so both answer from the same database. Source ids live in a `sources` list property (as the
// loader stores them); `sourceNodes` resolves them with a @cypher field.
const entity = `
  id: ID!
  name: String!
  aliases: [String!]
  description: String
  searchText: String
  sources: [String!]
  sourceNodes: [Source!]! @cypher(statement: "MATCH (s:Source) WHERE s.id IN this.sources RETURN s", columnName: "s")
`;
const fact = `
  id: String
  confidence: String!
  sources: [String!]!
  validFrom: String
  validTo: String
  note: String
`;

export const peerTypeDefs = /* GraphQL */ `
  type Source @node {
    id: ID!
    publisher: String!
    title: String!
    url: String
    published: String
    kind: String!
  }

  type Fact @relationshipProperties {
    ${fact}
  }
  type HardwareFact @relationshipProperties {
    ${fact}
    chipCount: Float
    chipHours: Float
    cluster: String
  }
  type OrderFact @relationshipProperties {
    ${fact}
    units: Float
    valueUsd: Float
    valueLocal: Float
    currency: String
    date: String
    status: String
    qualifier: String
  }
  type FabFact @relationshipProperties {
    ${fact}
    processNode: String
  }
  type SupplyFact @relationshipProperties {
    ${fact}
    component: String
  }

  type Country @node {
    ${entity}
    code: String!
    companies: [Company!]! @relationship(type: "HEADQUARTERED_IN", direction: IN, properties: "Fact")
  }

  type Company
    @node
    @fulltext(indexes: [{ indexName: "entity_names", queryName: "companiesByName", fields: ["name", "searchText"] }]) {
    ${entity}
    founded: String
    website: String
    ticker: String
    roles: [String!]
    country: [Country!]! @relationship(type: "HEADQUARTERED_IN", direction: OUT, properties: "Fact")
    parent: [Company!]! @relationship(type: "SUBSIDIARY_OF", direction: OUT, properties: "Fact")
    subsidiaries: [Company!]! @relationship(type: "SUBSIDIARY_OF", direction: IN, properties: "Fact")
    designs: [Chip!]! @relationship(type: "DESIGNS", direction: OUT, properties: "Fact")
    fabricates: [Chip!]! @relationship(type: "FABRICATES", direction: OUT, properties: "FabFact")
    orders: [Chip!]! @relationship(type: "ORDERED", direction: OUT, properties: "OrderFact")
    models: [Model!]! @relationship(type: "DEVELOPS", direction: OUT, properties: "Fact")
  }

  type Chip
    @node
    @fulltext(indexes: [{ indexName: "entity_names", queryName: "chipsByName", fields: ["name", "searchText"] }]) {
    ${entity}
    family: String
    announced: String
    released: String
    status: String
    processNode: String
    memoryType: String
    memoryGb: Float
    memoryBandwidthGbs: Float
    fp16DenseTflops: Float
    bf16DenseTflops: Float
    fp8DenseTflops: Float
    tdpWatts: Float
    interconnect: String
    chinaCompliant: Boolean
    designedBy: [Company!]! @relationship(type: "DESIGNS", direction: IN, properties: "Fact")
    fabricatedBy: [Company!]! @relationship(type: "FABRICATES", direction: IN, properties: "FabFact")
    suppliedBy: [Company!]! @relationship(type: "SUPPLIES", direction: IN, properties: "SupplyFact")
    programmedWith: [SoftwareStack!]! @relationship(type: "PROGRAMMED_WITH", direction: OUT, properties: "Fact")
    restrictedBy: [ExportControl!]! @relationship(type: "RESTRICTS", direction: IN, properties: "Fact")
    orderedBy: [Company!]! @relationship(type: "ORDERED", direction: IN, properties: "OrderFact")
    trainedModels: [Model!]! @relationship(type: "TRAINED_ON", direction: IN, properties: "HardwareFact")
    servedModels: [Model!]! @relationship(type: "RUNS_ON", direction: IN, properties: "HardwareFact")
  }

  type SoftwareStack @node {
    ${entity}
    website: String
    openSource: Boolean
    chips: [Chip!]! @relationship(type: "PROGRAMMED_WITH", direction: IN, properties: "Fact")
  }

  type Model
    @node
    @fulltext(indexes: [{ indexName: "entity_names", queryName: "modelsByName", fields: ["name", "searchText"] }]) {
    ${entity}
    released: String
    status: String
    openWeights: Boolean
    parameters: Float
    activeParameters: Float
    architecture: String
    trainingComputeFlop: Float
    modality: String
    developedBy: [Company!]! @relationship(type: "DEVELOPS", direction: IN, properties: "Fact")
    trainedOn: [Chip!]! @relationship(type: "TRAINED_ON", direction: OUT, properties: "HardwareFact")
    runsOn: [Chip!]! @relationship(type: "RUNS_ON", direction: OUT, properties: "HardwareFact")
  }

  type ExportControl @node {
    ${entity}
    agency: String
    measureType: String
    announced: String
    effective: String
    rescinded: String
    summary: String
    issuedBy: [Country!]! @relationship(type: "ISSUED_BY", direction: OUT, properties: "Fact")
    restricts: [Chip!]! @relationship(type: "RESTRICTS", direction: OUT, properties: "Fact")
  }
`;
