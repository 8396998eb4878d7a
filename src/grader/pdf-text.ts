/**
 * Text copied out of a PDF: lines broken where the page's width broke them ("…a client_id and" /
 * "client_secret"), words hyphenated across them ("authenti-" / "cation"), and each page's number and
 * running header between the lines ("Page 2 of 3"). Only a sheet that shows it was copied so (a page
 * number line, or two words hyphenated across lines) is mended: its page furniture is dropped and
 * its broken lines are joined again. Other sheets are left as they are: a line starting in lower
 * case is, in a typed sheet, a line of its own.
 */

/** "Page 2 of 3", "Page 2", "2 of 3" alone on a line (not "1/2": a typed sheet has those). */
const PAGE = /^\s*(?:page\s+\d{1,3}(?:\s*(?:of|\/)\s*\d{1,3})?|\d{1,3}\s+of\s+\d{1,3})\s*$/i;
/** A word hyphenated at a line's end: lower-case letters before the hyphen ("Client ID-" is none). */
const HYPHENATED = /[a-z]{2}-$/;
/** A line a PDF broke: long enough to have reached the page's width, without an end of sentence. */
const BROKEN = /[^.?!:;]$/;
/** Hyphenated at the end of a line a page's width long ("Client Secret-" above its definition is not). */
const broken = (line: string) => line.length >= 30 && HYPHENATED.test(line);
const LIST_ITEM = /^\s*(?:[-*+•]\s|\d{1,2}[.)]\s|[a-hA-H][.)]\s|#)/;

function looksLikePdfText(lines: readonly string[]): boolean {
  if (lines.some((l) => PAGE.test(l))) return true;
  let hyphens = 0;
  for (let i = 0; i + 1 < lines.length && hyphens < 2; i++)
    if (broken(lines[i] ?? '') && /^[a-z]/.test(lines[i + 1] ?? '')) hyphens++;
  return hyphens >= 2;
}

export function unwrapPdfText(lines: string[]): string[] {
  if (!looksLikePdfText(lines)) return lines;
  // A page's running header: a line that stands next to a page number and recurs.
  const counts = new Map<string, number>();
  for (const l of lines) if (l.trim() !== '') counts.set(l.trim(), (counts.get(l.trim()) ?? 0) + 1);
  const furniture = new Set<number>();
  const nonBlank = (from: number, step: number) => {
    let k = from + step;
    while (k >= 0 && k < lines.length && (lines[k] ?? '').trim() === '') k += step;
    return k;
  };
  for (const [i, l] of lines.entries()) {
    if (!PAGE.test(l)) continue;
    furniture.add(i);
    for (const k of [nonBlank(i, -1), nonBlank(i, 1)])
      if ((counts.get((lines[k] ?? '').trim()) ?? 0) > 1) furniture.add(k);
  }
  // That header wherever else it stands (the first page's, above the first line).
  const headers = new Set(
    [...furniture].map((k) => (lines[k] ?? '').trim()).filter((t) => !PAGE.test(t)),
  );
  for (const [i, l] of lines.entries()) if (headers.has(l.trim())) furniture.add(i);
  const kept = lines.filter((_, i) => !furniture.has(i));
  // Each output line as the source lines joined into it; a join looks at the last source line only.
  const out: string[][] = [];
  for (const line of kept) {
    const pieces = out.at(-1);
    const before = pieces?.at(-1);
    const lower = /^[a-z(]/.test(line) && !LIST_ITEM.test(line);
    if (pieces !== undefined && before !== undefined && lower) {
      if (broken(before)) {
        pieces[pieces.length - 1] = before.slice(0, -1);
        pieces.push(line.trimStart());
        continue;
      }
      if (before.length >= 40 && BROKEN.test(before.trimEnd())) {
        pieces.push(` ${line.trimStart()}`);
        continue;
      }
    }
    // A step or heading broken after its first line: "1. Register … and" / "client_secret".
    const first = pieces?.[0];
    if (
      pieces !== undefined &&
      before !== undefined &&
      first !== undefined &&
      /^[a-z_]/.test(line) &&
      LIST_ITEM.test(first) &&
      BROKEN.test(before.trimEnd()) &&
      line.length < 40
    ) {
      pieces.push(` ${line.trimStart()}`);
      continue;
    }
    out.push([line]);
  }
  return out.map((pieces) => pieces.join(''));
}
