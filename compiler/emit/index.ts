/**
 * Writing gost configs out: as `gost -O yaml|json` prints them, and as the gost command line
 * that gost reads back into an equivalent config. Equivalence itself is defined in
 * equivalence.ts.
 */
export { type CommandLine, type EmitOptions, emitCommandLine } from './cmdline.js';
export { configsEquivalent, explainDifference } from './equivalence.js';
export { type DecodeMode, type DecodeProblem, decodeGoConfig } from './go-decode.js';
export { type WrittenConfig, writeGostJson, writeGostYaml } from './gost-yaml.js';
