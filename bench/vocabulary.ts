// The words the synthetic graph is made of: countries in order of weight, issuers, stacks, name parts, chip
// families, publishers and the confidence mix.

// Countries in rough order of how many companies the supply chain has there (Zipf head first).
export const COUNTRY_ORDER = [
  'cn',
  'us',
  'tw',
  'kr',
  'jp',
  'de',
  'gb',
  'fr',
  'nl',
  'in',
  'sg',
  'il',
  'ca',
  'ch',
  'se',
];
export const ISSUERS = ['us', 'cn', 'nl', 'jp', 'kr', 'gb', 'de'];
export const REAL_STACKS = ['cuda', 'cann', 'rocm', 'neuware', 'aws-neuron', 'xla', 'musa'];
export const WORDS = [
  'Kestrel',
  'Quartz',
  'Nimbus',
  'Helix',
  'Orion',
  'Lumen',
  'Vertex',
  'Cobalt',
  'Zenith',
  'Aurora',
  'Falcon',
  'Tensor',
  'Pulsar',
  'Matrix',
  'Sable',
  'Ember',
  'Titan',
  'Photon',
  'Raven',
  'Cirrus',
];
export const SUFFIXES = [
  'Compute',
  'Semiconductor',
  'Systems',
  'AI',
  'Labs',
  'Cloud',
  'Technologies',
  'Micro',
  'Silicon',
];
export const FAMILIES = [
  'Ascend-class',
  'Hopper-class',
  'TPU-class',
  'MLU-class',
  'Trainium-class',
  'Gaudi-class',
  'Instinct-class',
];
export const PUBLISHERS = [
  'Reuters',
  'Bloomberg',
  'Caixin',
  'Nikkei Asia',
  'SemiAnalysis',
  'Epoch AI',
  'US BIS',
  'The Information',
];
export const CONFIDENCE = ['confirmed', 'reported', 'reported', 'rumored'] as const;
