/**
 * Markdown footnotes (`**What can you do with an access token?**[^q2]` above, `[^q2]: Call the API
 * with it.` at the end), as students use them to keep the questions readable: each reference is
 * read as its note, in the place of the reference, and the notes' own lines are dropped. A line of
 * several references ("Client ID[^v1] · Client Secret[^v2]") is a list: one line per label and its
 * note. References to no note are left as they are.
 */

/** `[^label]: text` at the start of a line (CommonMark's footnote extension, as GitHub renders it). */
const NOTE = /^ {0,3}\[\^([^\]\s]{1,40})\]:[ \t]?(.*)$/;
const REFERENCE = /\[\^([^\]\s]{1,40})\]/g;
/** What stands between the labels of a list of references: `·`, `,`, `;`, `|`, `/`, bullets. */
const BETWEEN = /^[\s·•,;|/–—-]+|[\s·•,;|/–—-]+$/g;
/** A title before the first label of such a list: "**Vocabulary:** Client ID[^v1] · …". */
const TITLE = /^((?:\*\*|__)[^*_]{1,60}(?:\*\*|__)|[^:*_]{1,40}:)\s+(\S.*)$/;

export function inlineFootnotes(lines: string[]): string[] {
  const notes = new Map<string, string>();
  const noteLines = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const note = NOTE.exec(lines[i] ?? '');
    if (note === null) continue;
    const [, label = '', first = ''] = note;
    const text = [first.trim()];
    noteLines.add(i);
    // The note goes on over the lines under it (indented or not) up to a blank line, and over
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
      text.push(next.trim());
      noteLines.add(k);
    }
    i = k - 1;
    if (!notes.has(label)) notes.set(label, text.filter((t) => t !== '').join(' '));
  }
  if (notes.size === 0) return lines;
  // A note that points to another ("what you do with it is in [^q1]") reads that note, once.
  const read = (text: string) =>
    text.replace(REFERENCE, (ref, label: string) => {
      const note = notes.get(label);
      return note === undefined ? ref : `(${note.replace(REFERENCE, '')})`;
    });
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (noteLines.has(i)) continue;
    const refs = [...line.matchAll(REFERENCE)].filter((m) => notes.has(m[1] ?? ''));
    if (refs.length === 0) {
      out.push(line);
      continue;
    }
    const parts = line.split(REFERENCE);
    const after = (parts.at(-1) ?? '').replace(BETWEEN, '');
    if (refs.length === 1 && after.replace(/[*_.:]/g, '').trim() === '') {
      // A question or term, its answer in the note: the answer on the next line.
      const known = (ref: string, label: string) => (notes.has(label) ? '' : ref);
      out.push(line.replace(REFERENCE, known), read(notes.get(refs[0]?.[1] ?? '') ?? ''));
    } else if (refs.length > 1 && after === '') {
      for (let k = 0; k + 1 < parts.length; k += 2) {
        let label = (parts[k] ?? '').replace(BETWEEN, '');
        const title = k === 0 ? TITLE.exec(label) : null;
        if (title !== null) {
          out.push(title[1] ?? '');
          label = title[2] ?? '';
        }
        const note = notes.get(parts[k + 1] ?? '');
        out.push(note === undefined ? label : `${label}: ${read(note)}`);
      }
    } else out.push(read(line));
  }
  return out;
}
