// The GraphQL operations behind the MCP tools: fixed documents, the tool's arguments passed only as variables.
const SOURCE = 'fragment Src on Source { id publisher title published url kind }';
const DEPENDENCY = `fragment Dep on HardwareDependency {
  id role chipCount chipHours cluster confidence note validFrom validTo
  model { id name developer { id name } }
  chip { id name vendor { id name } }
  sources { ...Src }
}`;

export const SEARCH = `query McpSearch($text: String!, $kinds: [EntityKind!], $first: Int) {
  search(text: $text, kinds: $kinds, first: $first) {
    score
    entity { id name kind aliases description sources { ...Src } }
  }
}
${SOURCE}`;

export const ENTITY = `query McpEntity($id: ID!, $asOf: Date) {
  entity(id: $id) {
    __typename id name kind aliases description
    sources { ...Src }
    claims { field value confidence date note sources { ...Src } }
    ... on Company { founded website ticker roles country { id name } parent { id name } }
    ... on Chip {
      family announced released chipStatus: status processNode memoryType memoryGb memoryBandwidthGbs sramMb
      bf16DenseTflops fp8DenseTflops tdpWatts interconnect interconnectGbs chinaCompliant vendor { id name }
    }
    ... on Model {
      released modelStatus: status openWeights parameters activeParameters architecture contextTokens trainingComputeFlop
      hardwareNote developer { id name }
    }
    ... on ExportControl { agency measureType announced effective rescinded summary citation issuer { id name } }
    ... on SoftwareStack { website openSource }
    ... on Country { code }
  }
  neighborhood(id: $id, depth: 1, asOf: $asOf) {
    truncated
    nodes { id name kind }
    edges { id type from to confidence properties sources { ...Src } }
  }
}
${SOURCE}`;

export const HARDWARE_DEPENDENCIES = `query McpHardwareDependencies($where: HardwareDependencyWhere, $first: Int, $after: String) {
  hardwareDependencies(where: $where, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { ...Dep }
  }
}
${DEPENDENCY}
${SOURCE}`;

export const EXPOSURE = `query McpExposure($target: ExposureTarget!, $asOf: Date, $minConfidence: Confidence) {
  exposure(target: $target, asOf: $asOf, minConfidence: $minConfidence) {
    target { id name kind }
    asOf
    chips { id name vendor { id name } }
    models { model { id name developer { id name } } via { ...Dep } alternatives { ...Dep } }
  }
}
${DEPENDENCY}
${SOURCE}`;

export const CONNECTIONS = `query McpConnections($from: ID!, $to: ID!, $maxHops: Int) {
  connections(from: $from, to: $to, maxHops: $maxHops) {
    length
    nodes { id name kind }
    edges { id type from to confidence properties sources { ...Src } }
  }
}
${SOURCE}`;

export const TIMELINE = `query McpTimeline($entityId: ID, $from: Date, $to: Date, $first: Int) {
  timeline(entityId: $entityId, from: $from, to: $to, first: $first) {
    date kind title confidence
    entities { id name kind }
    sources { ...Src }
  }
}
${SOURCE}`;

export const STATS = `query McpStats {
  stats {
    entities { kind count }
    relationships { type count }
    sources
    unsourcedRelationships
    dataset { version title license licenseUrl recordEnds loadedAt }
  }
}`;
