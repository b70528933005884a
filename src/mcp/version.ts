// The version the MCP server announces: chipgraph's own, from package.json (the same path from src/ and dist/).
import fs from 'node:fs';
import path from 'node:path';

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'),
    ) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
