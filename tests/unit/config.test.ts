// Configuration parsing: defaults, and a clear message naming each bad variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const c = loadConfig({}, '/repo');
    expect(c.port).toBe(4000);
    expect(c.neo4j.uri).toBeUndefined();
    expect(c.neo4j.local.home).toBe('/repo/.neo4j');
    expect(c.seedDir).toBe('/repo/seed');
  });

  it('names every bad variable and what is allowed', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', NEO4J_URI: 'http://x', NEO4J_HEAP: 'lots' }, '/repo');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const msg = (error as Error).message;
    expect(msg).toMatch(/PORT="eighty"/);
    expect(msg).toMatch(/NEO4J_URI="http:\/\/x": expected a bolt:\/\/ or neo4j:\/\/ URI/);
    expect(msg).toMatch(/NEO4J_HEAP="lots": expected a size such as 512m or 1g/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ NEO4J_URI: '', PORT: '' }, '/repo').neo4j.uri).toBeUndefined();
  });
});
