// Chooses the Neo4j to use, in order: NEO4J_URI, a Docker engine (testcontainers), a local server from Maven jars.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config.js';
import { silentProgress, type Progress } from '../progress.js';
import { NEO4J_IMAGE } from './neo4j-version.js';
import { checkJavaAndMaven, ProvisioningError, startLocalNeo4j } from './local-neo4j.js';

export interface DatabaseHandle {
  uri: string;
  user: string;
  password: string;
  kind: 'external' | 'docker' | 'local';
  /** Stops what this process started; a no-op for an external server. */
  stop(): Promise<void>;
  /** The local JVM's process (started here, or an already running one attached to), watched by main.ts. */
  process?: { pid: number; startedHere: boolean };
}

export interface ObtainOptions {
  progress?: Progress;
  /** Throw-away data (tests) instead of the persistent instance under NEO4J_HOME (npm start). */
  ephemeral?: boolean;
}

function dockerSocketPresent(dockerHost: string | undefined): boolean {
  if (dockerHost) return true;
  const candidates = ['/var/run/docker.sock', path.join(os.homedir(), '.docker/run/docker.sock')];
  return candidates.some((p) => fs.existsSync(p));
}

async function tryDocker(progress: Progress, dockerHost: string | undefined): Promise<DatabaseHandle | null> {
  if (!dockerSocketPresent(dockerHost)) return null;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
  } catch {
    return null;
  }
  progress({ phase: 'neo4j', message: `starting ${NEO4J_IMAGE} with testcontainers` });
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  const password = 'chipgraph-test';
  const container = await new Neo4jContainer(NEO4J_IMAGE).withPassword(password).start();
  return {
    uri: container.getBoltUri(),
    user: 'neo4j',
    password,
    kind: 'docker',
    stop: async () => {
      await container.stop();
    },
  };
}

export async function obtainDatabase(config: Config, opts: ObtainOptions = {}): Promise<DatabaseHandle> {
  const progress = opts.progress ?? silentProgress;
  const c = config.neo4j;
  if (c.uri) {
    return { uri: c.uri, user: c.user, password: c.password, kind: 'external', stop: async () => {} };
  }
  if (c.useDocker) {
    const docker = await tryDocker(progress, c.dockerHost);
    if (docker) return docker;
  }
  const missing = checkJavaAndMaven();
  if (missing && !fs.existsSync(c.local.home)) {
    throw new ProvisioningError(
      `No Neo4j available: NEO4J_URI is not set, no Docker engine answers, and a local server needs ${missing}. ` +
        'Install Java 17+ and Maven, start Docker, or point NEO4J_URI at a Neo4j 5.26 server.',
    );
  }
  const instanceDir = opts.ephemeral
    ? fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-neo4j-'))
    : path.join(c.local.home, 'instance');
  const local = await startLocalNeo4j({
    home: c.local.home,
    instanceDir,
    boltPort: opts.ephemeral ? 0 : c.local.boltPort,
    heap: c.local.heap,
    pageCache: c.local.pageCache,
    progress,
    detached: true,
  });
  return {
    uri: local.uri,
    user: 'neo4j',
    password: '',
    kind: 'local',
    process: { pid: local.pid, startedHere: local.startedHere },
    stop: async () => {
      await local.stop();
      if (opts.ephemeral) fs.rmSync(instanceDir, { recursive: true, force: true });
    },
  };
}
