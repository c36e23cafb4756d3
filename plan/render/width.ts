/**
 * Terminal width: how wide the output may be (COLUMNS, the TTY, or 100), how many columns a
 * string takes on screen, and word wrapping with a hanging indent. Pure except `outputWidth`,
 * which reads what it is given.
 */
import { stripVTControlCharacters } from "util";

/** When neither COLUMNS nor a TTY says how wide the output is (a pipe, a file, CI logs). */
export const DEFAULT_WIDTH = 100;

/** Narrower widths are rendered at this one: a word per line is as narrow as text gets. */
export const MIN_WIDTH = 20;

/**
 * The width to render at: COLUMNS when set (a positive whole number), else the TTY's width
 * when the stream is one, else DEFAULT_WIDTH. A COLUMNS that is no number is an error, not
 * ignored: the caller turns `problem` into its usage error.
 */
export function outputWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv = process.env): { width: number } | { problem: string } {
  const columns = env.COLUMNS?.trim();
  if (columns) {
    if (!/^\d+$/.test(columns) || Number(columns) === 0) {
      return { problem: `COLUMNS: ${JSON.stringify(env.COLUMNS)} is not allowed: must be a whole number of terminal columns (e.g. 80), or unset` };
    }
    return { width: Math.max(MIN_WIDTH, Number(columns)) };
  }
  if (stream.isTTY && stream.columns && stream.columns > 0) return { width: Math.max(MIN_WIDTH, stream.columns) };
  return { width: DEFAULT_WIDTH };
}

/** Columns a code point takes: 0 for combining marks and joiners, 2 for East Asian wide and emoji, else 1. */
function codePointWidth(cp: number, ch: string): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (/\p{Mn}|\p{Me}|\p{Cf}/u.test(ch) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) || (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

/** Columns the text takes on screen (ANSI escapes take none); the widest line of a multi-line text. */
export function visibleWidth(text: string): number {
  let widest = 0;
  for (const line of stripVTControlCharacters(text).split("\n")) {
    let w = 0;
    for (const ch of line) w += codePointWidth(ch.codePointAt(0)!, ch);
    widest = Math.max(widest, w);
  }
  return widest;
}

/** The longest prefix of `word` (plain text) that fits in `width` columns, and the rest. */
function splitAt(word: string, width: number): [string, string] {
  let w = 0;
  let i = 0;
  for (const ch of word) {
    const cw = codePointWidth(ch.codePointAt(0)!, ch);
    if (w + cw > width && i > 0) break;
    w += cw;
    i += ch.length;
  }
  return [word.slice(0, i), word.slice(i)];
}

/**
 * Plain text wrapped at `width` columns: the first line starts with `first`, the others with
 * `indent` (a hanging indent). Words longer than a line are cut; nothing is dropped.
 */
export function wrap(text: string, width: number, first = "", indent = ""): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true; // no word on `line` yet
  const room = () => width - visibleWidth(line);
  for (let word of text.split(/\s+/).filter(Boolean)) {
    const need = visibleWidth(word) + (empty ? 0 : 1);
    if (need <= room()) {
      line += (empty ? "" : " ") + word;
      empty = false;
      continue;
    }
    if (!empty) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    // A word wider than a whole line is cut across lines.
    while (visibleWidth(word) > room()) {
      const [head, rest] = splitAt(word, Math.max(1, room()));
      lines.push(line + head);
      line = indent;
      word = rest;
    }
    line += word;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Clauses on one line joined by `sep` when they fit; otherwise each on lines of its own, the
 * others indented under the first, and every continuation indented further.
 */
export function clauses(parts: readonly string[], width: number, sep = "; ", indent = "  "): string[] {
  const one = parts.join(sep);
  if (visibleWidth(one) <= width) return [one];
  const [head, ...rest] = parts;
  return [...wrap(head, width, "", `${indent}  `), ...rest.flatMap((p) => wrap(p, width, indent, `${indent}  `))];
}

/** The text cut to `width` columns with an ellipsis (plain text; short texts unchanged). */
export function truncate(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  if (width <= 1) return "…".slice(0, Math.max(0, width));
  return `${splitAt(text, width - 1)[0]}…`;
}
