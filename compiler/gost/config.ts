/**
 * The gost v3 configuration as gost reads it (x/config/config.go): field names and casing are
 * gost's own. This is the contract between the compiler, the emitter and the runtime. The types are
 * generated from schemas/gost-config.schema.json, so validation and types cannot disagree.
 */
export type * from './config.generated.js';
