/**
 * A lesson's prose for the terminal lesson and for a printed handout (`learn <lesson> --print`).
 * Some of it only makes sense in the terminal: how to type an answer, or a study table the handout's
 * written exercise would give away. Such parts stand between two comment lines of their own,
 *
 *   <!-- terminal only -->
 *   …
 *   <!-- end terminal only -->
 *
 * which the terminal shows without the markers and the handout leaves out. Pure: text in, text out.
 */
export interface LessonProse {
  terminal: string;
  print: string;
}

const OPEN = '<!-- terminal only -->';
const CLOSE = '<!-- end terminal only -->';

/** The two versions of one prose file, or what is wrong with its markers (with the 1-based line). */
export function splitProse(text: string): LessonProse | { problem: string; line: number } {
  const terminal: string[] = [];
  const print: string[] = [];
  let openedAt: number | undefined;
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    const marker = line.trim();
    if (marker === OPEN || marker === CLOSE) {
      const opening = marker === OPEN;
      if (opening === (openedAt !== undefined))
        return {
          problem: opening
            ? `"${OPEN}" again before "${CLOSE}" (opened on line ${String(openedAt)})`
            : `"${CLOSE}" without "${OPEN}" before it`,
          line: i + 1,
        };
      openedAt = opening ? i + 1 : undefined;
      continue;
    }
    if (/<!--\s*(?:end\s+)?terminal\b/i.test(line))
      return {
        problem: `write the marker alone on its line, as "${OPEN}" or "${CLOSE}"`,
        line: i + 1,
      };
    terminal.push(line);
    if (openedAt === undefined) print.push(line);
  }
  if (openedAt !== undefined)
    return { problem: `"${OPEN}" is never closed with "${CLOSE}"`, line: openedAt };
  return { terminal: tidy(terminal), print: tidy(print) };
}

/** Without the blank lines a removed block or marker leaves: at most one in a row, none at the end. */
function tidy(lines: readonly string[]): string {
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
