/**
 * How a line of source looks in a terminal: tabs expanded, invisible or dangerous characters made
 * visible, and the cell width of each character, so underlines land under the right characters.
 */

/** One displayed character and the UTF-16 range of the source line it comes from. */
export interface Cell {
  text: string;
  /** Terminal columns the text occupies (0, 1 or 2; a tab may take more). */
  width: number;
  start: number;
  end: number;
}

const tabWidth = 4;
const replacement = '\uFFFD';
const combiningMark = /^[\p{Mn}\p{Me}]$/u;
// Bidirectional overrides and isolates can make displayed text differ from what is parsed.
const bidiControl = /^[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]$/u;
const emoji = /^\p{Emoji_Presentation}$/u;

export function lineCells(line: string): Cell[] {
  const cells: Cell[] = [];
  let column = 0;
  let index = 0;
  for (const char of line) {
    const start = index;
    index += char.length;
    const cell = displayChar(char, column);
    cells.push({ ...cell, start, end: index });
    column += cell.width;
  }
  return cells;
}

function displayChar(char: string, column: number): { text: string; width: number } {
  const code = char.codePointAt(0)!;
  if (code === 9) {
    const width = tabWidth - (column % tabWidth);
    return { text: ' '.repeat(width), width };
  }
  // C0 controls and DEL as their Unicode "control pictures"; C1 controls as a replacement mark.
  if (code < 0x20) return { text: String.fromCodePoint(0x2400 + code), width: 1 };
  if (code === 0x7f) return { text: '\u2421', width: 1 };
  if (code >= 0x80 && code < 0xa0) return { text: replacement, width: 1 };
  if (bidiControl.test(char) || code === 0xfeff) return { text: replacement, width: 1 };
  if (isZeroWidth(char, code)) return { text: char, width: 0 };
  return { text: char, width: isWide(code) || emoji.test(char) ? 2 : 1 };
}

/** Combining marks (variation selectors among them), zero-width spaces and joiners, invisible operators. */
function isZeroWidth(char: string, code: number): boolean {
  return combiningMark.test(char) || (code >= 0x200b && code <= 0x200d) || (code >= 0x2060 && code <= 0x2064);
}

/** East Asian Wide and Fullwidth blocks: the characters terminals draw two columns wide. */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xa960 && code <= 0xa97f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe10 && code <= 0xfe19) ||
    (code >= 0xfe30 && code <= 0xfe6f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/**
 * Message text made safe for a terminal: line breaks and tabs stay, other control characters
 * (an escape sequence hidden in a YAML key, say) and bidi controls become visible marks.
 */
export function terminalSafe(text: string): string {
  return text.replace(
    /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu,
    (char) => {
      const code = char.codePointAt(0)!;
      if (code < 0x20) return String.fromCodePoint(0x2400 + code);
      if (code === 0x7f) return '\u2421';
      return replacement;
    },
  );
}
