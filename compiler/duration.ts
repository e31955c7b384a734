/**
 * Go duration strings (`300ms`, `1m30s`, `2h`) in milliseconds, as gost reads them with
 * time.ParseDuration.
 */
import { parseGoDurationNs } from './cmd/go-duration.js';

/** Milliseconds, or undefined when the text is not a Go duration. "0" is valid; a bare number is not. */
export function parseGoDuration(text: string): number | undefined {
  const ns = parseGoDurationNs(text.trim());
  return ns === undefined ? undefined : Number(ns) / 1e6;
}
