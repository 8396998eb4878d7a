/**
 * Text wrapped to the terminal's width at word boundaries, for out() and err()
 * on a terminal and for prompt choices; loaded only when a terminal shows the
 * output (see prepareTerminal in output.ts).
 */
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'fast-string-width';
import { wrapAnsi } from 'fast-wrap-ansi';

/**
 * Wraps text at word boundaries to `width` columns (fast-wrap-ansi, a fork of wrap-ansi: colours
 * survive, wide characters count double). Continuation lines keep the line's
 * indent, plus two after a leading mark ("✗ ", "~ "). A word longer than the
 * line (a URL, a token) is left whole, never cut: the terminal folds it, and
 * it can still be copied.
 */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (stringWidth(line) <= width) return line;
      const lead = /^ */.exec(line)?.[0] ?? '';
      const body = line.slice(lead.length);
      const mark = /^[✓✗~–!ℹ•·…*-] /.test(stripVTControlCharacters(body)) ? '  ' : '';
      const [first = '', ...rest] = wrapAnsi(body, Math.max(width - lead.length, 20), {
        hard: false,
        trim: true,
      }).split('\n');
      if (rest.length === 0) return lead + first;
      const indent = lead + mark;
      const tail = wrapAnsi(rest.join(' '), Math.max(width - indent.length, 20), {
        hard: false,
        trim: true,
      }).split('\n');
      return [lead + first, ...tail.map((l) => indent + l)].join('\n');
    })
    .join('\n');
}

/** Wraps one line of text to `width` columns, every line after the first indented by `indent` (for prompt choices and steps). */
export function hangingWrap(text: string, width: number, indent: string): string {
  const [first = '', ...rest] = wrapAnsi(text, Math.max(width, 20), {
    hard: false,
    trim: true,
  }).split('\n');
  if (rest.length === 0) return first;
  const tail = wrapAnsi(rest.join(' '), Math.max(width, 20), { hard: false, trim: true }).split(
    '\n',
  );
  return [first, ...tail.map((l) => indent + l)].join('\n');
}
