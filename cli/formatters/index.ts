/** The output formats of `topo check`, by the name given to --format. */
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatPretty } from './pretty.js';
import { formatSarif } from './sarif.js';
import type { Formatter } from './types.js';

export const formatters = {
  pretty: formatPretty,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
} as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof formatters;

export const formatNames = Object.keys(formatters) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formatters, name);
}

export type { FormatOptions, Formatter, RuleInfo } from './types.js';
