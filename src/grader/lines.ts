/**
 * Classifying the lines of an answer sheet by their markdown shape, the way a
 * student's notes really look: Jekyll front matter (skipped), code fences
 * (unwrapped: students put whole answers in them), `>` quotes (unwrapped),
 * HTML entities and tags, bullets of any kind nested any way (`  * * answer`),
 * bold text inside bullets, numbered lines with or without a dot (`1 Step`,
 * `1.Step`), thematic breaks (`- - -`), setext underlines, and pipe tables
 * with or without outer pipes.
 *
 * Every expression here runs in linear time on any line (no nested or
 * unbounded-then-backtracking quantifiers), so a 1 MB line costs what reading
 * it costs.
 */
import { createRequire } from 'node:module';
import type { decodeHTML as DecodeHTML } from 'entities/decode';
import { csvAsLines } from './csv-sheet.js';
import { inlineFootnotes } from './footnotes.js';
import { unwrapPdfText } from './pdf-text.js';

export type Shape =
  | 'blank'
  | 'heading'
  | 'bold'
  | 'bullet'
  | 'numbered'
  | 'table'
  | 'rule'
  | 'plain';

export interface Line {
  shape: Shape;
  /** The line without its markup (heading hashes, bullets, number, bold stars, quote marks). */
  body: string;
  /** For bold lines: what follows the bold part on the same line. */
  rest?: string;
  /** For numbered lines: the number written. */
  number?: number;
  /** The number was written in parentheses, "(3) Redirect…". */
  parenthesized?: boolean;
  /** For table rows: the cells. */
  cells?: string[];
  /** Bold text that stood in a bullet or numbered item (`* **Q?**`). */
  listed?: boolean;
  raw: string;
}

/** Lines longer than this are answers, never questions, headings or terms. */
export const MAX_LABEL_CHARS = 300;

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const QUOTE = /^(?:[ \t]{0,4}>)+[ \t]?/;
const THEMATIC = /^\s{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
// Only `===`: a `---` under a line is, in students' notes, a separator far more often than a heading.
const SETEXT = /^\s{0,3}=+[ \t]*$/;
// Google Docs' plain-text export bullets its levels with ● ○ ■.
const BULLET = /^\s*[-*+•▪◦·‣–●○■□◆◇❖➢➤►▸][ \t]+/;
/**
 * The sheet without its HTML comments (`<!-- TODO finish this one -->`), which no reader of the page
 * sees; the line breaks inside one are kept. An unclosed `<!--` is left as it is.
 */
function withoutComments(text: string): string {
  if (!text.includes('<!--')) return text;
  let out = '';
  let from = 0;
  for (let open = text.indexOf('<!--'); open >= 0; open = text.indexOf('<!--', from)) {
    const close = text.indexOf('-->', open + 4);
    if (close < 0) break;
    out += text.slice(from, open) + text.slice(open, close).replace(/[^\n]/g, '');
    from = close + 3;
  }
  return out + text.slice(from);
}

/** "STEPS: Register… | Ask… | Redirect…": a section written on one line, its items between pipes. */
const PIPE_SECTION =
  /^\s*((?:the |my )?(?:steps|order|ordering|questions?|qs|vocab\w*|terms|definitions|answers?)):\s*(\S.*)$/i;
const TABLE_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*\|/;

/** Such sections as a label line and a line per item (not in a sheet with a markdown table). */
function pipeSections(raws: string[]): string[] {
  if (raws.some((r) => TABLE_DELIMITER.test(r))) return raws;
  return raws.flatMap((raw) => {
    const section = PIPE_SECTION.exec(raw);
    const items = section?.[2]?.split(/\s\|\s/) ?? [];
    return section === null || items.length < 3
      ? [raw]
      : [`${section[1] ?? ''}:`, ...items.map((item) => item.trim())];
  });
}

/** A markdown backslash escape (CommonMark §2.4), as Google Docs writes `1\.`, `\-` and `client\_id`. */
const ESCAPED = /\\([!-/:-@[-`{-~])/g;
// "1. …", "1) …", "1 …", and "(1) …" or "[1] …" as a student numbers the prompt's lines in place.
// An outline's numbers too, "2.3 …" or "1.1.2 …" as a word processor saves them: the last one counts.
const NUMBERED =
  /^\s*(?:[(\[](\d{1,2})[)\]][ \t]*|(?:\d{1,2}\.){1,3}(\d{1,2})\.?[ \t]+|(\d{1,2})(?:[.)][ \t]*|[ \t]+))(?=\S)/;
/** Obsidian's wiki-links, `[[Client ID]]` or `[[page|shown text]]`, read by their text. */
const WIKI_LINK = /(!?)\[\[([^\[\]|#]{0,200})(?:#([^\[\]|]{1,200}))?(?:\|([^\[\]]{1,200}))?\]\]/g;
/** OAuth's abbreviations, spelled out where a sheet says what they stand for. */
const SPELLED_OUT: Record<string, string> = {
  AT: 'access token',
  RT: 'refresh token',
  RS: 'resource server',
};
/** "AT = access token", "AT: access token", "access token (AT)": the sheet's own key. */
const ABBREVIATION_KEY =
  /\b(AT|RT|RS)\s{0,3}(?:=|:|-|is|means)\s{0,3}(access token|refresh token|resource server)\b|\b(access token|refresh token|resource server)\s{0,3}\((AT|RT|RS)\)/gi;
/** An abbreviation in capitals between words that are not capitals ("swap for AT @ /token"), not "RS-512". */
const ABBREVIATION = /(?<![A-Z]{2,}[ \t]{1,3})\b(AT|RT|RS)\b(?![-\d&])(?![ \t]{1,3}[A-Z])/g;

/** The sheet with the abbreviations it defines spelled out (a capital "AS" elsewhere is a word). */
function spellOutAbbreviations(text: string): string {
  if (!/\b(?:AT|RT|RS)\b/.test(text)) return text;
  const defined = new Set<string>();
  for (const m of text.matchAll(ABBREVIATION_KEY)) {
    const abbreviation = (m[1] ?? m[4] ?? '').toUpperCase();
    if (abbreviation !== '') defined.add(abbreviation);
  }
  if (defined.size === 0) return text;
  return text.replace(ABBREVIATION, (a: string) => (defined.has(a) ? (SPELLED_OUT[a] ?? a) : a));
}
/** An Obsidian or GitHub callout's marker, `> [!note] Title`. */
const CALLOUT = /^\s*\[![a-z-]{1,20}\][+-]?[ \t]*/i;
const LINK = /!?\[([^\[\]]{0,300})\]\([^()\s]{0,500}(?:\s+"[^"]{0,200}")?\)/g;
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]{0,20}(?:\s[^<>]{0,300})?\/?>/g;
/** A question or answer marker in bold: "Q:", "Question 2.", "A:", "Answer:". */
const QA_MARKER = /^(?:q|question|a|ans|answer)\s{0,2}\d{0,2}\s{0,2}[:.)]?$/i;
const HTML_BREAK = /<(?:br|\/p|\/li|\/div|\/dd|\/h[1-6]|li)\b[^<>]{0,300}>/i;
const HTML_BREAK_ALL = /<(?:br|\/p|\/li|\/div|\/dd|\/h[1-6])\b[^<>]{0,300}>/gi;
const LIST_ITEM = /<li\b[^<>]{0,300}>/gi;

/** A source line's text without its markup and quote marks, and its shape on its own. */
export interface ShapedLine {
  cleaned: string;
  line: Line;
}

export function shapeLine(raw: string): ShapedLine {
  const cleaned = clean(raw);
  return { cleaned, line: shapeOfClean(cleaned, raw) };
}

/**
 * Turns a sheet's text into classified lines: one per source line, except that an HTML line
 * break or paragraph end outside a table starts a new line (a list written as
 * `<p>1. Register…<br>2. Ask…</p>` is seven lines, as it shows on the page).
 * `shape` may remember what shapeLine gives for a line seen before (the lines are not changed).
 */
export function readLines(text: string, shape: (raw: string) => ShapedLine = shapeLine): Line[] {
  const spelled = spellOutAbbreviations(withoutComments(text));
  const raws0 = spelled.split('\n');
  const records = /[,;]/.test(spelled) ? (csvAsLines(raws0) ?? raws0) : raws0;
  const sections = spelled.includes(' | ') ? pipeSections(records) : records;
  // (Only a sheet with a word broken after a hyphen, or a page number, may be a PDF's text.)
  const unbroken =
    spelled.includes('-\n') || /\d\s+of\s+\d|page\s+\d/i.test(spelled)
      ? unwrapPdfText(sections)
      : sections;
  const split = spelled.includes('[^') ? inlineFootnotes(unbroken) : unbroken;
  // A Mermaid diagram before HTML: its labels may hold a `<br>`, which is no line of the sheet.
  const lines0 = spelled.includes('mermaid') ? mermaidAsLists(split) : split;
  const raws = spelled.includes('<') ? lines0.flatMap(htmlBreaks) : lines0;
  const skip = frontMatterEnd(raws);
  const lines: Line[] = [];
  const cleaned: string[] = [];
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i] ?? '';
    if (i < skip || FENCE.test(raw)) {
      lines.push({ shape: 'blank', body: '', raw });
      cleaned.push('');
      continue;
    }
    const shaped = shape(raw);
    cleaned.push(shaped.cleaned);
    lines.push(shaped.line);
  }
  markTables(lines, cleaned);
  markSetext(lines, cleaned);
  markHashLists(lines);
  return lines;
}

/**
 * Three or more lines in a row that each start with one `#` are a numbered list, as Jira's and
 * Confluence's markup writes one (`# Register your application…`), not as many top-level headings
 * (unless one is a question or a title: `# What can you do with…?`, `# Vocabulary`, `# Client ID`).
 * (New Line objects: shaped lines are shared between sheets.)
 */
function markHashLists(lines: Line[]): void {
  // An item of such a list is a step's words, three or more, and no heading's question or title.
  const single = (line: Line | undefined) =>
    line?.shape === 'heading' &&
    /^#[ \t]/.test(line.raw) &&
    !/[?:]\s*$/.test(line.body) &&
    line.body.trim().split(/\s+/).length >= 3;
  for (let i = 0; i < lines.length; i++) {
    if (!single(lines[i])) continue;
    let end = i;
    while (single(lines[end + 1])) end++;
    if (end - i >= 2)
      for (let k = i; k <= end; k++)
        lines[k] = { ...(lines[k] as Line), shape: 'numbered', number: k - i + 1 };
    i = end;
  }
}

/**
 * A source line split where HTML breaks it (`<br>`, `</p>`, `</li>`, `</div>`, `</dd>`, the end of a
 * heading); an `<li>` starts a bullet. A line with a pipe may be a table row, whose cells keep a
 * `<br>` as a space (clean).
 */
function htmlBreaks(raw: string): string[] {
  if (!raw.includes('<') || raw.includes('|') || !HTML_BREAK.test(raw)) return [raw];
  const parts = raw
    .replace(LIST_ITEM, '\n- ')
    .split(HTML_BREAK_ALL)
    .flatMap((part) => part.split('\n'))
    .filter((part) => part.trim() !== '');
  return parts.length > 0 ? parts : [''];
}

const MERMAID_OPEN = /^\s{0,3}(`{3,}|~{3,})\s*mermaid\b/i;
/** A flowchart node, with its label where it is defined: `A`, `A[Register your app]`, `B(Ask)`, `C{…}`. */
const MERMAID_NODE =
  /\b([A-Za-z]\w{0,30})(?:\s{0,3}(?:\[\[|\[\(|\(\(|\{\{|\[|\(|\{|>)"?([^[\](){}<>"\n]{1,300})"?(?:\]\]|\)\]|\)\)|\}\}|\]|\)|\}))?/g;
/** Words of Mermaid's own that stand where a node id could. */
const MERMAID_KEYWORD =
  /^(flowchart|graph|subgraph|end|style|classDef|class|click|linkStyle|direction|TD|TB|BT|LR|RL)$/;
/** An edge between two nodes: `-->`, `---`, `==>`, `-.->`, with a label or none (`-- yes -->`, `-->|yes|`). */
const MERMAID_EDGE =
  /^\s{0,3}(?:-{2,3}>?|={2,3}>?|-\.{1,3}->?)(?:\|[^|\n]{0,80}\|)?\s{0,3}$|^\s{0,3}--[^-\n]{1,80}-->\s{0,3}$/;

/**
 * A Mermaid flowchart of the flow, read as the list it draws: its node labels in the order its
 * arrows follow them, where they make one chain (else in the order the labels are first given).
 * Written as "Step N: label" lines, so that a label that is only a term's name ("access token") is
 * read as a step, never as that term's definition. A fence never closed is no diagram.
 */
function mermaidAsLists(raws: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raws.length; i++) {
    const open = MERMAID_OPEN.exec(raws[i] ?? '');
    const fence = open?.[1];
    const close =
      fence === undefined ? -1 : raws.findIndex((r, k) => k > i && r.trimStart().startsWith(fence));
    if (close < 0) {
      out.push(raws[i] ?? '');
      continue;
    }
    const labels = new Map<string, string>();
    const next = new Map<string, string>();
    const into = new Map<string, number>();
    for (const raw of raws.slice(i + 1, close)) {
      // Edge labels (`-->|yes|`, `-- yes -->`) name no node.
      const line = raw.replace(/\|[^|\n]{0,80}\|/g, ' ').replace(/--[^-\n>]{1,80}-->/g, '-->');
      let last: { id: string; end: number } | undefined;
      for (const node of line.matchAll(MERMAID_NODE)) {
        const [whole, id, label] = node;
        if (id === undefined || MERMAID_KEYWORD.test(id)) continue;
        if (label !== undefined && !labels.has(id))
          labels.set(id, label.replace(/<br\s*\/?>/gi, ' ').trim());
        const between = last === undefined ? '' : line.slice(last.end, node.index);
        if (last !== undefined && MERMAID_EDGE.test(between)) {
          next.set(last.id, id);
          into.set(id, (into.get(id) ?? 0) + 1);
        }
        last = { id, end: node.index + whole.length };
      }
    }
    // One chain: every node has at most one arrow out and in, and one node none in.
    const starts = [...labels.keys()].filter((id) => !into.has(id));
    const chain = new Set<string>();
    if (starts.length === 1 && [...into.values()].every((n) => n === 1)) {
      for (let id = starts[0]; id !== undefined && !chain.has(id); id = next.get(id)) chain.add(id);
    }
    // A diagram without labelled nodes (a sequence diagram) is read line by line, as before.
    if (labels.size === 0) {
      out.push(...raws.slice(i, close + 1));
      i = close;
      continue;
    }
    const order = chain.size === labels.size ? [...chain] : [...labels.keys()];
    out.push('', ...order.map((id, k) => `- Step ${String(k + 1)}: ${labels.get(id) ?? id}`), '');
    i = close;
  }
  return out;
}

/** Jekyll/YAML front matter: `---` on the first line, closed by `---` or `...` within 60 lines. */
function frontMatterEnd(raws: string[]): number {
  if (!/^---\s*$/.test(raws[0] ?? '')) return 0;
  for (let i = 1; i < Math.min(raws.length, 60); i++) {
    if (/^(---|\.\.\.)\s*$/.test(raws[i] ?? '')) return i + 1;
  }
  return 0;
}

// The entity tables are large: loaded (synchronously, once) only for a sheet that has an `&`.
let decodeHTML: typeof DecodeHTML | undefined;
function decodeEntities(text: string): string {
  if (decodeHTML === undefined) {
    const entities: { decodeHTML: typeof DecodeHTML } = createRequire(import.meta.url)(
      'entities/decode',
    );
    decodeHTML = entities.decodeHTML;
  }
  return decodeHTML(text);
}

function clean(raw: string): string {
  let line = raw.includes('&') ? decodeEntities(raw) : raw;
  // A line break is a space; the end of an HTML table cell, or of a definition list's term
  // (`<dt>Client ID</dt><dd>…</dd>`), separates a term from its definition.
  if (line.includes('<'))
    line = line.replace(TAG, (tag) =>
      /^<br/i.test(tag) ? ' ' : /^<\/(?:t[dh]|dt)>/i.test(tag) ? ' — ' : '',
    );
  // Markdown links and images are read by their text alone: a URL's words ("access-tokens") are not an answer.
  if (line.includes('](')) line = line.replace(LINK, '$1');
  if (line.includes('[['))
    // `[[page]]`, `[[page|shown]]`, `[[page#Heading]]` by the text they show; an embed `![[…]]` is none.
    line = line.replace(
      WIKI_LINK,
      (_, embed: string, page: string, heading?: string, shown?: string) =>
        embed === '!' ? '' : (shown ?? heading ?? page),
    );
  // Quote markers, nested or not (`> > text`), and the non-breaking spaces of `&nbsp;`.
  line = line.replace(QUOTE, '').replace(CALLOUT, '');
  if (line.includes('\\')) line = line.replace(ESCAPED, '$1');
  return line.replace(/\u00a0/g, ' ').trimEnd();
}

export function shapeOf(raw: string): Line {
  return shapeOfClean(clean(raw), raw);
}

function shapeOfClean(line: string, raw: string): Line {
  if (line.trim() === '') return { shape: 'blank', body: '', raw };
  // A line of symbols only ("↓" between steps, "***", "⬇️") separates; it says nothing.
  if (THEMATIC.test(line) || !/[\p{L}\p{N}]/u.test(line)) return { shape: 'rule', body: '', raw };
  const heading = /^\s{0,3}(#{1,6})(?:[ \t]+|$)/.exec(line);
  if (heading)
    return { shape: 'heading', body: stripClosingHashes(line.slice(heading[0].length)), raw };
  if (line.trimStart().startsWith('|')) return tableRow(line, raw);

  // List markers, however many are nested on the line ("* * answer", "1. - step").
  let body = line;
  let number: number | undefined;
  let parenthesized = false;
  let listed = false;
  for (let guard = 0; guard < 8; guard++) {
    const bullet = BULLET.exec(body);
    if (bullet) {
      body = body.slice(bullet[0].length);
      listed = true;
      continue;
    }
    const numbered = NUMBERED.exec(body);
    if (numbered && number === undefined) {
      number = Number(numbered[1] ?? numbered[2] ?? numbered[3]);
      parenthesized = numbered[1] !== undefined;
      body = body.slice(numbered[0].length);
      listed = true;
      continue;
    }
    break;
  }
  body = body.trim();
  const bold = boldPrefix(body);
  if (bold !== undefined) {
    const line: Line = { shape: 'bold', body: bold.text, rest: bold.rest, raw };
    if (listed) line.listed = true;
    if (number !== undefined) line.number = number;
    if (parenthesized) line.parenthesized = true;
    return line;
  }
  if (number !== undefined)
    return parenthesized
      ? { shape: 'numbered', body, number, parenthesized, raw }
      : { shape: 'numbered', body, number, raw };
  if (listed) return { shape: 'bullet', body, raw };
  return { shape: 'plain', body, raw };
}

/** `**text** rest` or `__text__ rest`; the rest loses a leading `:` or dash. */
function boldPrefix(body: string): { text: string; rest: string } | undefined {
  const marker = body.startsWith('**') ? '**' : body.startsWith('__') ? '__' : undefined;
  if (marker === undefined) return undefined;
  const close = body.indexOf(marker, 2);
  if (close <= 2) return undefined;
  const text = body.slice(2, close).trim();
  // "**Q:** What can you do…", "**A:** Exchange it…": a bold marker, not a bold label; the line is
  // read as "Q: …" (a question) or "A: …" (an answer).
  if (QA_MARKER.test(text)) return undefined;
  const rest = body
    .slice(close + 2)
    .replace(/^\s*[:\-–—]+/, '')
    .trim();
  return text === '' ? undefined : { text, rest };
}

function stripClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  // Closing hashes count only after a space ("## C#" keeps its hash).
  if (end < text.length && (end === 0 || /\s/.test(text[end - 1] ?? ''))) text = text.slice(0, end);
  return text.trim();
}

function tableRow(line: string, raw: string): Line {
  if (isDelimiterRow(line)) return { shape: 'rule', body: '', raw };
  let inner = line.trim();
  if (inner.startsWith('|')) inner = inner.slice(1);
  if (inner.endsWith('|') && !inner.endsWith('\\|')) inner = inner.slice(0, -1);
  const cells = inner.split(/(?<!\\)\|/).map((c) => c.trim());
  return { shape: 'table', body: cells.join(' | '), cells, raw };
}

/**
 * Tables without outer pipes (`Term | Definition` over `--- | ---`): a
 * delimiter row makes the line above it a header and the lines below it that
 * hold a pipe its rows.
 */
function markTables(lines: Line[], cleaned: string[]): void {
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const text = cleaned[i];
    const header = lines[i - 1];
    const headerText = cleaned[i - 1];
    // (The arrays run in step, one entry per source line: none of these is ever missing.)
    if (
      line === undefined ||
      text === undefined ||
      header === undefined ||
      headerText === undefined ||
      line.shape === 'table' ||
      line.shape === 'blank' ||
      !text.includes('|') ||
      !isDelimiterRow(text)
    )
      continue;
    if (header.shape === 'blank' || !headerText.includes('|')) continue;
    lines[i] = { shape: 'rule', body: '', raw: line.raw };
    if (header.shape !== 'table') lines[i - 1] = tableRow(headerText, header.raw);
    let j = i + 1;
    for (; j < lines.length; j++) {
      const row = lines[j];
      const text = cleaned[j];
      if (row === undefined || text === undefined) break;
      if (row.shape === 'blank' || !text.includes('|') || isDelimiterRow(text)) break;
      if (row.shape !== 'table') lines[j] = tableRow(text, row.raw);
    }
    i = j - 1;
  }
}

/** `--- | :---:` with or without outer pipes; spaces removed first so the test cannot backtrack. */
function isDelimiterRow(line: string): boolean {
  if (!line.includes('-')) return false;
  const squeezed = line.replace(/[ \t]+/g, '');
  return /^\|?:?-+:?(?:\|:?-+:?)*\|?$/.test(squeezed) && squeezed.includes('|');
}

/** `Title` over `=====` or `-----` is a heading (a lone `---` under a paragraph line). */
function markSetext(lines: Line[], cleaned: string[]): void {
  for (let i = 1; i < lines.length; i++) {
    const above = lines[i - 1];
    const line = lines[i];
    const text = cleaned[i];
    if (above === undefined || line === undefined || text === undefined) continue;
    if (above.shape !== 'plain' || above.body.length > MAX_LABEL_CHARS) continue;
    if (!SETEXT.test(text)) continue;
    lines[i - 1] = { shape: 'heading', body: above.body, raw: above.raw };
    lines[i] = { shape: 'rule', body: '', raw: line.raw };
  }
}
