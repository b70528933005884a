// The GraphQL operations the explorer sends; the "show the GraphQL" links open exactly these texts in GraphiQL.
const SOURCE = 'sources { publisher title url published }';
const EDGE = `id type from to confidence properties ${SOURCE}`;
const NODE = 'id name kind';

export const SEARCH = `query Search($text: String!, $kinds: [EntityKind!], $first: Int) {
  search(text: $text, kinds: $kinds, first: $first) {
    score
    entity { id name kind aliases }
  }
}`;

export const ENTITY_PAGE = `query EntityPage($id: ID!, $depth: Int, $asOf: Date) {
  entity(id: $id) {
    id name kind aliases description
    sources { id publisher title url published kind }
    claims { field value confidence date note ${SOURCE} }
    ... on Company { founded website ticker roles country { id name } parent { id name } }
    ... on Country { code }
    ... on Chip {
      family announced released chipStatus: status processNode memoryType memoryGb memoryBandwidthGbs sramMb
      sramBandwidthGbs fp16DenseTflops bf16DenseTflops fp8DenseTflops int8DenseTops tdpWatts interconnect
      interconnectGbs chinaCompliant
      vendor { id name }
    }
    ... on SoftwareStack { website openSource }
    ... on Model {
      released modelStatus: status openWeights parameters activeParameters architecture contextTokens
      trainingComputeFlop modality hardwareNote developer { id name }
    }
    ... on ExportControl {
      agency measureType announced effective rescinded summary citation inForce measureStatus: status
      issuer { id name }
    }
  }
  neighborhood(id: $id, depth: $depth, asOf: $asOf) {
    truncated
    nodes { ${NODE} }
    edges { ${EDGE} }
  }
}`;

export const NEIGHBORHOOD = `query Neighborhood($id: ID!, $depth: Int, $asOf: Date) {
  neighborhood(id: $id, depth: $depth, asOf: $asOf) {
    truncated
    nodes { ${NODE} }
    edges { ${EDGE} }
  }
}`;

export const DEPENDENCIES = `query HardwareDependencies($id: ID!, $minConfidence: Confidence) {
  model(id: $id) {
    id name kind released
    developer { id name country { id code name } }
    hardware(minConfidence: $minConfidence) {
      id role chipCount chipHours cluster confidence validFrom note
      ${SOURCE}
      chip {
        id name kind
        vendor { id name kind country { id code name kind } }
      }
    }
  }
}`;

export const EXPOSURE = `query Exposure($target: ExposureTarget!, $asOf: Date, $minConfidence: Confidence) {
  exposure(target: $target, asOf: $asOf, minConfidence: $minConfidence) {
    target { id name kind }
    asOf
    chips { id name vendor { id name } }
    models {
      model { id name developer { id name } }
      via { role confidence chip { id name } }
      alternatives { role confidence chip { id name vendor { id name } } }
    }
  }
}`;

export const CONNECTIONS = `query Connections($from: ID!, $to: ID!, $maxHops: Int) {
  connections(from: $from, to: $to, maxHops: $maxHops) {
    length
    nodes { ${NODE} }
    edges { ${EDGE} }
  }
}`;

export const TIMELINE = `query Timeline($entityId: ID, $from: Date, $to: Date, $first: Int) {
  timeline(entityId: $entityId, from: $from, to: $to, first: $first) {
    date kind title confidence
    entities { ${NODE} }
    ${SOURCE}
  }
}`;

/** Every source an entity cites, in a citation format, a page at a time (the cite button). */
export const CITE_SOURCES = `query CiteSources($id: ID!, $format: CitationFormat!, $after: String) {
  sources(where: { entityId: $id }, first: 100, after: $after) {
    nodes { citation(format: $format) } pageInfo { hasNextPage endCursor } } }`;

/** One fact's sources in a citation format (the cite button). */
export const CITE_FACT =
  'query CiteFact($id: ID!, $format: CitationFormat!) { fact(id: $id) { citation(format: $format) } }';
