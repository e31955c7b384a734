/**
 * How Go's gopkg.in/yaml.v3 (the encoder behind `gost -O yaml`) prints scalars and orders map
 * keys: which strings stay plain and which are quoted, how floats are written, and the "natural"
 * key order of its keyList. topo builds the YAML with the `yaml` package and uses these
 * decisions so the text matches gost's.
 */
import { goParseFloat } from '../cmd/go-strconv.js';

export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL';

const resolveMap = new Map<string, 'bool' | 'null' | 'float' | 'merge'>([
  ...['true', 'True', 'TRUE', 'false', 'False', 'FALSE'].map((s) => [s, 'bool'] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, 'null'] as const),
  ...[
    '.nan',
    '.NaN',
    '.NAN',
    '.inf',
    '.Inf',
    '.INF',
    '+.inf',
    '+.Inf',
    '+.INF',
    '-.inf',
    '-.Inf',
    '-.INF',
  ].map((s) => [s, 'float'] as const),
  ['<<', 'merge'],
]);

const oldBools = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'off',
  'Off',
  'OFF',
]);
const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const timestamp =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/;

/** strconv.ParseInt(s, 0, 64) or ParseUint accepts it. */
function goIntBase0(s: string): boolean {
  return /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.test(s);
}

/** Whether yaml.v3's resolver reads the plain text as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (resolveMap.has(s)) return true;
  const c = s[0];
  if (c === '.') return goParseFloat(s).ok;
  if (c !== undefined && /[-+0-9]/.test(c)) {
    if (timestamp.test(s)) return true;
    const plain = s.replace(/_/g, '');
    if (goIntBase0(plain)) return true;
    if (yamlStyleFloat.test(plain)) return true;
  }
  return false;
}

function isPrintable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    code === 0x85 ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
    code >= 0x10000
  );
}

const isBreak = (c: string | undefined) =>
  c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankZ = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || isBreak(c);

interface Analysis {
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** libyaml's yaml_emitter_analyze_scalar, for block context. */
function analyze(value: string): Analysis {
  if (value === '') return { blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...value];
  let blockIndicators = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let lineBreaks = false;
  let special = false;
  if (value.startsWith('---') || value.startsWith('...')) blockIndicators = true;
  let precededByWhitespace = true;
  chars.forEach((c, i) => {
    const followedByWhitespace = isBlankZ(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(c.codePointAt(0)!)) special = true;
    if (isBreak(c)) lineBreaks = true;
    const last = i === chars.length - 1;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankZ(c);
  });
  let blockPlain = true;
  let single = true;
  let block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) {
    blockPlain = false;
    single = false;
  }
  if (spaceBreak || special) {
    blockPlain = false;
    single = false;
    block = false;
  }
  if (lineBreaks) blockPlain = false;
  if (blockIndicators) blockPlain = false;
  return { blockPlainAllowed: blockPlain, singleQuotedAllowed: single, blockAllowed: block };
}

/**
 * The style yaml.v3 writes a string in (block context): plain when it would read back as the
 * same string, otherwise double quotes; the emitter then downgrades plain to single quotes, and
 * single quotes to double, when the text needs it.
 */
export function yamlV3StringStyle(s: string, isKey = false): ScalarStyle {
  const canUsePlain = !resolvesToNonString(s) && !base60Float.test(s) && !oldBools.has(s);
  let style: ScalarStyle = s.includes('\n') ? 'BLOCK_LITERAL' : canUsePlain ? 'PLAIN' : 'QUOTE_DOUBLE';
  const a = analyze(s);
  if (style === 'PLAIN') {
    if (!a.blockPlainAllowed || (s === '' && isKey)) style = 'QUOTE_SINGLE';
  }
  if (style === 'QUOTE_SINGLE' && !a.singleQuotedAllowed) style = 'QUOTE_DOUBLE';
  if (style === 'BLOCK_LITERAL' && (!a.blockAllowed || isKey)) style = 'QUOTE_DOUBLE';
  return style;
}

/** yaml.v3 float text: strconv.FormatFloat(f, 'g', -1, 64), with `.inf`/`.nan` spelled YAML's way. */
export function formatYamlV3Float(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Number.POSITIVE_INFINITY) return '.inf';
  if (f === Number.NEGATIVE_INFINITY) return '-.inf';
  return formatGoFloatG(f);
}

/** strconv.FormatFloat(f, 'g', -1, 64): %e when the exponent is < -4 or >= 6 (shortest digits). */
export function formatGoFloatG(f: number): string {
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, expText] = f.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  const negative = f < 0 ? '-' : '';
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const pointAt = exp + 1;
  if (pointAt <= 0) return `${negative}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${negative}${digits}${'0'.repeat(pointAt - digits.length)}`;
  return `${negative}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isLetter = (c: string) => /\p{L}/u.test(c);

/** yaml.v3 keyList.Less for string keys: letters and digit runs compare "naturally". */
export function compareYamlV3Keys(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      digits = isDigit(ar[i]!);
      continue;
    }
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]! ? -1 : 1;
    if (al || bl) {
      if (digits) return al ? -1 : 1;
      return bl ? -1 : 1;
    }
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10n + BigInt(ar[ai]!.charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10n + BigInt(br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ar[i]! < br[i]! ? -1 : 1;
  }
  return ar.length - br.length;
}

/** encoding/json sorts map keys by their UTF-8 bytes, which is code point order. */
export function compareGoJsonKeys(a: string, b: string): number {
  const ac = [...a].map((c) => c.codePointAt(0)!);
  const bc = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < ac.length && i < bc.length; i++) if (ac[i] !== bc[i]) return ac[i]! - bc[i]!;
  return ac.length - bc.length;
}
