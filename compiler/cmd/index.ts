/**
 * gost's command line, read exactly as gost 3 reads it: argument texts that keep their source
 * positions, POSIX shell word splitting, Go flag parsing, ` -- ` process groups and the
 * conversion of `-L`/`-F` URLs into a gost config (go-gost/x config/cmd/cmd.go).
 */
export {
  type ArgText,
  argTextAt,
  argTextsFromSource,
  argvSource,
  argvTexts,
  commandLineFileName,
  joinSpans,
  lineArgText,
  sliceArgText,
  wholeSpan,
} from './arg-text.js';
export { decodeSIP002Auth, parseAuthFromCmd, parseSelector } from './build-config.js';
export { formatGoDuration, parseGoDurationNs } from './go-duration.js';
export { cutHost, norm, normService } from './go-url-loc.js';
export { ArgSpace, Loc } from './located.js';
export {
  type GostArgsGroup,
  type GostArgsOptions,
  type GostArgsResult,
  mergeConfigs,
  parseGostArgs,
} from './parse-gost-args.js';
export { type ShellWords, shellQuote, splitShellWords } from './shell-words.js';
