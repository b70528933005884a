// The limit, rate-limit and browser-policy variables: defaults, parsing, and the checks that relate them.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('limits configuration', () => {
  it('has safe defaults: limits on, rate limit on, no cross-origin callers', () => {
    const { http } = loadConfig({}, '/repo');
    expect(http).toEqual({
      limits: { maxDepth: 10, maxAliases: 30, maxTokens: 5_000, maxCost: 20_000 },
      maxBodyBytes: 100_000,
      // Two admitted questions per core of the machine running the tests (at least 2).
      admission: {
        minCost: 1,
        maxConcurrent: Math.max(2, 2 * os.availableParallelism()),
        maxQueued: 64,
        maxWaitMs: 5_000,
      },
      rateLimit: { points: 100_000, windowMs: 60_000 },
      trustProxy: false,
      corsOrigins: [],
    });
  });

  it('reads the admission queue and refuses a size it cannot use', () => {
    const env = {
      ADMISSION_MIN_COST: '50',
      ADMISSION_MAX_CONCURRENT: '2',
      ADMISSION_MAX_QUEUED: '0',
      ADMISSION_MAX_WAIT_MS: '250',
    };
    expect(loadConfig(env, '/repo').http.admission).toEqual({
      minCost: 50,
      maxConcurrent: 2,
      maxQueued: 0,
      maxWaitMs: 250,
    });
    expect(() => loadConfig({ ADMISSION_MAX_CONCURRENT: '0' }, '/repo')).toThrow(/ADMISSION_MAX_CONCURRENT/);
  });

  it('reads a CORS allow-list and turns the rate limit off with 0', () => {
    const { http } = loadConfig(
      { CORS_ORIGINS: 'https://tool.example.org, http://localhost:5173/ ', RATE_LIMIT_POINTS: '0' },
      '/repo',
    );
    expect(http.corsOrigins).toEqual(['https://tool.example.org', 'http://localhost:5173']);
    expect(http.rateLimit).toBeUndefined();
    expect(loadConfig({ CORS_ORIGINS: '*' }, '/repo').http.corsOrigins).toEqual(['*']);
  });

  it('refuses an origin with a path, and a budget too small for the largest query', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://tool.example.org/app' }, '/repo')).toThrow(
      /CORS_ORIGINS/,
    );
    expect(() => loadConfig({ CORS_ORIGINS: 'tool.example.org' }, '/repo')).toThrow(ConfigError);
    expect(() => loadConfig({ RATE_LIMIT_POINTS: '500', QUERY_MAX_COST: '1000' }, '/repo')).toThrow(
      /RATE_LIMIT_POINTS=500: expected 0 \(off\) or at least QUERY_MAX_COST \(1000\)/,
    );
  });
});
