/**
 * topo's own package.json, found by walking up from this module: the same code runs from the
 * sources (cli/) and from the build (dist/cli/), which sit at different depths.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  version: string;
  /** The project's home page, when package.json names one. */
  homepage?: string;
}

const packageName = 'topo';
let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    const manifest = readManifest(join(dir, 'package.json'));
    if (manifest?.name === packageName && typeof manifest.version === 'string') {
      cached = { version: manifest.version };
      if (typeof manifest.homepage === 'string') cached.homepage = manifest.homepage;
      return cached;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`cannot find the package.json of ${packageName} above ${fileURLToPath(import.meta.url)}`);
}

function readManifest(path: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const parsed: unknown = JSON.parse(text);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
}
