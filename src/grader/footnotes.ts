/**
 * Markdown footnotes as students use them to keep the questions readable: a reference standing where
 * the answer would (`**What can you do with an access token?**[^q2]`, `- Client ID[^1]`, a line of
 * labels "Client ID[^1] · Client Secret[^2]") is read as its note (`[^q2]: Call the API with it.`),
 * and the notes' own lines are dropped. A reference after the student's own words ("like a
 * password.[^2]") points to a source or an aside, not to the answer: it is dropped with its note.
 * References to no note are left as they are.
 */

/** `[^label]: text` at the start of a line (CommonMark's footnote extension, as GitHub renders it). */
const NOTE = /^ {0,3}\[\^([^\]\s]{1,40})\]:[ \t]?(.*)$/;
const REFERENCE = /\[\^([^\]\s]{1,40})\]/g;
/** A line that starts another block, which ends a note: a heading, list item, quote, table row or tag. */
const BLOCK_START = /^\s{0,3}(?:#{1,6}\s|[-*+•]\s|\d{1,2}[.)]\s|>|\||<)/;
/** What stands between the labels of a list of references: `·`, `,`, `;`, `|`, `/`, bullets. */
const BETWEEN = /^[\s·•,;|/–—-]+|[\s·•,;|/–—-]+$/g;
/** A title before the first label of such a list: "**Vocabulary:** Client ID[^v1] · …". */
const TITLE = /^((?:\*\*|__)[^*_]{1,60}(?:\*\*|__)|[^:*_]{1,40}:)\s+(\S.*)$/;
/** Markup around a label: bullets, numbers, heading marks, emphasis. */
const MARKUP = /^\s*(?:#{1,6}\s+|[-*+•]\s+|\d{1,2}[.)]\s+)?|[*_`]+/g;
/** A note that cites a source rather than answering: "See RFC 6749 §4.1", "Source: …", a bare URL. */
const CITATION =
  /^(?:(?:see|cf\.?|ref\.?)\s+(?:rfc|https?:|section|sec\.|§|p\.|page|chapter|ch\.|the (?:docs?|documentation|slides?|lecture|spec|rfc|reading|article|video))|(?:source|sources|reference|references|from|via)\s*:|rfc ?\d|https?:\/\/\S+$)/i;
/** A reference alone in a table cell: `| [^v1] |`. */
const CELL_REFERENCE = /(^|\|)\s*\[\^([^\]\s]{1,40})\]\s*(?=\||$)/g;
/** A label is a few words: a term's name, or a question. */
const MAX_LABEL_WORDS = 5;

export function inlineFootnotes(lines: string[]): string[] {
  const notes = new Map<string, string>();
  const noteLines = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const note = NOTE.exec(lines[i] ?? '');
    if (note === null) continue;
    const [, label = '', first = ''] = note;
    const text = [first.trim()];
    noteLines.add(i);
    // The note goes on over the lines under it up to a blank line or another block, and over
    // paragraphs indented under it after a blank line.
    let k = i + 1;
    for (; k < lines.length; k++) {
      const next = lines[k] ?? '';
      if (NOTE.test(next)) break;
      if (next.trim() === '') {
        if (!/^(?: {4}|\t)\S/.test(lines[k + 1] ?? '')) break;
        noteLines.add(k);
        continue;
      }
      if (BLOCK_START.test(next) && !/^(?: {4}|\t)/.test(next)) break;
      text.push(next.trim());
      noteLines.add(k);
    }
    i = k - 1;
    if (!notes.has(label)) notes.set(label, text.filter((t) => t !== '').join(' '));
  }
  if (notes.size === 0) return lines;
  // A note that points to another ("what you do with it is in [^q1]") reads that note, once.
  const read = new Map<string, string>();
  const noteOf = (label: string) => {
    let text = read.get(label);
    if (text === undefined) {
      text = (notes.get(label) ?? '')
        .replace(REFERENCE, (ref, inner: string) =>
          notes.has(inner) ? `(${(notes.get(inner) ?? '').replace(REFERENCE, '')})` : ref,
        )
        .trim();
      read.set(label, text);
    }
    return text;
  };
  const known = (ref: string, label: string) => (notes.has(label) ? '' : ref);
  const words = (text: string) => text.replace(MARKUP, '').trim().split(/\s+/).length;
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (noteLines.has(i)) continue;
    const refs = [...line.matchAll(REFERENCE)].filter((m) => notes.has(m[1] ?? ''));
    if (refs.length === 0) {
      out.push(line);
      continue;
    }
    const parts = line.split(REFERENCE);
    const after = (parts.at(-1) ?? '')
      .replace(BETWEEN, '')
      .replace(/[*_.:]/g, '')
      .trim();
    const labels = parts.filter((_, k) => k % 2 === 0).slice(0, -1);
    const first = refs[0]?.[1] ?? '';
    // A note that cites a source, or an aside where the answer is written under the label already,
    // is no answer.
    const nextLine = lines[i + 1] ?? '';
    const answered =
      nextLine.trim() !== '' &&
      !NOTE.test(nextLine) &&
      !BLOCK_START.test(nextLine) &&
      !/\[\^[^\]\s]{1,40}\]/.test(nextLine);
    const answers = (label: string) => notes.has(label) && !CITATION.test(noteOf(label));
    if (line.includes('|')) {
      // A table row: a reference alone in its cell is the cell's answer; others are dropped.
      out.push(
        line
          .replace(CELL_REFERENCE, (cell: string, lead: string, label: string) =>
            answers(label) ? `${lead} ${noteOf(label)} ` : cell,
          )
          .replace(REFERENCE, known),
      );
    } else if (refs.length === 1 && after === '' && answers(first) && !answered) {
      const before = line.slice(0, refs[0]?.index).replace(/[*_`\s]+$/, '');
      // A bold label with nothing after it ("**Client ID**[^1]"), not a bold label and an answer.
      const boldAlone = /^\s*(?:[-*+]\s+)?(?:\*\*|__)[^*_]{1,80}$/.test(before);
      if (/[?:]$/.test(before) || /^\s{0,3}#{1,6}\s/.test(line) || boldAlone)
        // A question or a label set off by markup: its answer on the next line.
        out.push(line.replace(REFERENCE, known), noteOf(first));
      else if (/^\s*\d{1,2}[.)]\s/.test(line) && words(before) <= MAX_LABEL_WORDS)
        // "1. Client ID[^1]", "2. Ask the user[^ask]": the note indented under its line, as a
        // student writes what belongs to a numbered line (a step keeps its own words).
        out.push(before, `    ${noteOf(first)}`);
      else if (
        words(before) <= MAX_LABEL_WORDS &&
        !/[|:.;,=–—]|\s-\s/.test(before.replace(MARKUP, '').trim())
      )
        // "- Client ID[^1]": the label and its answer, as "Client ID: …" is written.
        out.push(`${before}: ${noteOf(first)}`);
      else out.push(line.replace(REFERENCE, known));
    } else if (
      refs.length > 1 &&
      after === '' &&
      labels.every((l, k) => words(k === 0 ? (TITLE.exec(l)?.[2] ?? l) : l) <= MAX_LABEL_WORDS)
    ) {
      // "**Vocabulary:** Client ID[^v1] · Client Secret[^v2]": one line per label.
      for (let k = 0; k + 1 < parts.length; k += 2) {
        let label = (parts[k] ?? '').replace(BETWEEN, '');
        const title = k === 0 ? TITLE.exec(label) : null;
        if (title !== null) {
          out.push(title[1] ?? '');
          label = title[2] ?? '';
        }
        out.push(answers(parts[k + 1] ?? '') ? `${label}: ${noteOf(parts[k + 1] ?? '')}` : label);
      }
    } else out.push(line.replace(REFERENCE, known));
  }
  return out;
}
