/**
 * File names as CI tools want them: relative to the working directory (the repository root in a
 * CI job), with forward slashes, whatever the platform and however the user spelled the path.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The path relative to `cwd`, or undefined when the file lies outside it. */
export function pathInside(file: string, cwd: string): string | undefined {
  const rel = relative(cwd, resolve(cwd, file));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** Relative path with forward slashes when inside `cwd`, otherwise the absolute path. */
export function displayPath(file: string, cwd: string): string {
  return pathInside(file, cwd) ?? resolve(cwd, file);
}

/** A SARIF artifact location: a relative URI against the base id, or an absolute file URI. */
export function artifactUri(file: string, cwd: string, baseId: string): { uri: string; uriBaseId?: string } {
  const inside = pathInside(file, cwd);
  if (inside === undefined) return { uri: pathToFileURL(resolve(cwd, file)).href };
  return { uri: inside.split('/').map(encodeURIComponent).join('/'), uriBaseId: baseId };
}

/** The directory as a file URI ending in a slash, as SARIF requires for a base. */
export function directoryUri(dir: string): string {
  const href = pathToFileURL(resolve(dir)).href;
  return href.endsWith('/') ? href : `${href}/`;
}
