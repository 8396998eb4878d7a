/**
 * Reading an answer sheet in whatever shape a student's notes take: questions
 * as headings, bold lines, bullets or plain lines with the answer on the next
 * line or paragraph; the steps as plain or numbered lines, however spaced;
 * vocabulary as a table, `Term: definition`, `Term :- definition`, a bold or
 * heading term with a paragraph under it, or `- Term definition`. The result
 * says what the sheet holds for each item; grading happens elsewhere.
 */
import { anyHit } from './match.js';
import type { Rubric } from './rubric.js';
import type { StepMatcher } from './steps.js';
import { normalize } from './text.js';

export interface StepLine {
  id: string;
  text: string;
  /** The number the student wrote before it, if any. */
  number?: number;
}

export interface ParsedSheet {
  /** Undefined when the sheet lists no steps. */
  steps?: StepLine[];
  /** Answer text per question id ('' when the question is there with no answer). */
  questions: Map<string, string>;
  /** Definition per term id. */
  terms: Map<string, string>;
  /** Reflection prompts found (not graded). */
  reflections: string[];
}

type Shape = 'blank' | 'heading' | 'bold' | 'bullet' | 'numbered' | 'table' | 'rule' | 'plain';

interface Line {
  shape: Shape;
  /** The line without its markup (heading hashes, bullet, number, bold stars). */
  body: string;
  /** For bold lines: what follows the bold part on the same line. */
  rest?: string;
  number?: number;
  cells?: string[];
  raw: string;
}

function shapeOf(raw: string): Line {
  const line = raw.replace(/\s+$/, '');
  if (line.trim() === '') return { shape: 'blank', body: '', raw };
  let m = /^\s{0,3}(#{1,6})\s*(.*?)\s*#*$/.exec(line);
  if (m) return { shape: 'heading', body: m[2]!, raw };
  if (/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line)) return { shape: 'rule', body: '', raw };
  if (/^\s*\|/.test(line)) {
    const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
    return { shape: 'table', body: cells.join(' | '), cells, raw };
  }
  m = /^\s*(\*\*|__)(.+?)\1\s*(.*)$/.exec(line);
  if (m) return { shape: 'bold', body: m[2]!.trim(), rest: m[3]!.replace(/^[:\-–—]+\s*/, '').trim(), raw };
  m = /^\s*[-*+•]\s+(.*)$/.exec(line);
  if (m) return { shape: 'bullet', body: m[1]!.trim(), raw };
  m = /^\s*(\d{1,2})\s*[.)]\s*(.*)$/.exec(line);
  if (m) return { shape: 'numbered', body: m[2]!.trim(), number: Number(m[1]), raw };
  return { shape: 'plain', body: line.trim(), raw };
}

type Anchor =
  | { type: 'question'; id: string; inline: string }
  | { type: 'term'; id: string; inline: string }
  | { type: 'ordering' }
  | { type: 'reflection'; id: string }
  | { type: 'other' };

const SEPARATOR = /^\s*(?::-|:=|=>|->|→|⇒|:|-|–|—|=)\s*/;
const ARTICLE = /^(?:the|an?)\s+/;

interface TermAlias {
  id: string;
  alias: string;
}

export class SheetReader {
  private readonly aliases: TermAlias[];

  constructor(private readonly rubric: Rubric, private readonly steps: StepMatcher) {
    // Longest first, so "access token endpoint" wins over "access token".
    this.aliases = rubric.terms
      .flatMap((t) => t.aliases.map((a) => ({ id: t.id, alias: normalize(a).replace(ARTICLE, '') })))
      .sort((a, b) => b.alias.length - a.alias.length);
  }

  read(text: string): ParsedSheet {
    const lines = text.split('\n').map(shapeOf);
    const anchors = lines.map((l) => this.anchorOf(l));
    const sheet: ParsedSheet = { questions: new Map(), terms: new Map(), reflections: [] };
    const used = new Set<number>();

    for (let i = 0; i < lines.length; i++) {
      const anchor = anchors[i];
      if (anchor === undefined) continue;
      if (anchor.type === 'ordering' && sheet.steps === undefined) {
        const found = this.collectSteps(lines, anchors, i + 1, used);
        if (found.length > 0) sheet.steps = found;
      } else if (anchor.type === 'question' && !sheet.questions.has(anchor.id)) {
        sheet.questions.set(anchor.id, this.collectAnswer(lines, anchors, i, anchor.inline));
      } else if (anchor.type === 'term' && !sheet.terms.has(anchor.id)) {
        sheet.terms.set(anchor.id, this.collectAnswer(lines, anchors, i, anchor.inline));
      } else if (anchor.type === 'reflection') {
        sheet.reflections.push(anchor.id);
      }
    }
    // No header: a run of lines that read as steps is the ordering all the same.
    if (sheet.steps === undefined) {
      for (let i = 0; i < lines.length && sheet.steps === undefined; i++) {
        if (anchors[i] !== undefined || lines[i]!.shape === 'blank' || used.has(i)) continue;
        if (this.steps.match(lines[i]!.body) === undefined) continue;
        const found = this.collectSteps(lines, anchors, i, used);
        if (found.length >= 4) sheet.steps = found;
      }
    }
    return sheet;
  }

  private anchorOf(line: Line): Anchor | undefined {
    if (line.shape === 'blank' || line.shape === 'rule') return undefined;
    const body = line.shape === 'table' ? (line.cells?.[0] ?? '') : line.body;
    const n = normalize(body);
    const looksAsked = /\?/.test(body) || /^(what|why|how|which|when|where|who|name|list|describe|explain|define|write|put)\b/.test(n);
    if (looksAsked || line.shape === 'heading' || line.shape === 'bold') {
      const question = this.rubric.questions.find((q) => q.detect.every((p) => anyHit([p], n)));
      if (question !== undefined && looksAsked) {
        const inline = body.includes('?') ? body.slice(body.indexOf('?') + 1).trim() : '';
        return { type: 'question', id: question.id, inline: line.shape === 'bold' ? [inline, line.rest ?? ''].filter(Boolean).join(' ') : inline };
      }
      const reflection = this.rubric.reflections.find((r) => anyHit(r.detect, n));
      if (reflection !== undefined && looksAsked) return { type: 'reflection', id: reflection.id };
      if (anyHit(this.rubric.ordering.detect, n) && this.steps.match(body) === undefined) return { type: 'ordering' };
    }
    const term = this.termOf(line);
    if (term !== undefined) return term;
    if (line.shape === 'heading') return { type: 'other' };
    if (line.shape === 'bold' && (line.rest ?? '') === '' && /[:?]$/.test(line.body)) return { type: 'other' };
    if (looksAsked && /\?\s*$/.test(body)) return { type: 'other' };
    return undefined;
  }

  private termOf(line: Line): Anchor | undefined {
    if (line.shape === 'table') {
      // The term is the first cell after any row-number or empty cells ("| 3 | Client ID | … |").
      const cells = line.cells ?? [];
      const at = cells.findIndex((cell) => !/^\s*(\d+[.)]?|#)?\s*$/.test(cell));
      const id = at < 0 || at > 2 ? undefined : this.exactTerm(cells[at]!);
      return id === undefined ? undefined : { type: 'term', id, inline: cells.slice(at + 1).join(' ').trim() };
    }
    if (line.shape === 'heading') {
      const id = this.exactTerm(line.body);
      return id === undefined ? undefined : { type: 'term', id, inline: '' };
    }
    if (line.shape === 'bold') {
      const id = this.exactTerm(line.body);
      return id === undefined ? undefined : { type: 'term', id, inline: line.rest ?? '' };
    }
    // Plain, bullet or numbered: the line starts with the term.
    const body = line.body.replace(/^\*\*(.+?)\*\*/, '$1').replace(/^__(.+?)__/, '$1');
    const n = normalize(body).replace(ARTICLE, '');
    for (const { id, alias } of this.aliases) {
      if (!n.startsWith(alias)) continue;
      const after = n.slice(alias.length);
      if (after !== '' && /^[a-z0-9_]/.test(after)) continue; // "client identifiers…" is not "client id"
      if (after.trim() === '' || /^\s*:?\s*$/.test(after)) return { type: 'term', id, inline: '' };
      const sep = SEPARATOR.exec(after);
      if (sep !== null && sep[0].trim() !== '') return { type: 'term', id, inline: this.tail(body, after.slice(sep[0].length)) };
      // "- Client ID the app's public id": a bullet with no separator.
      if (line.shape === 'bullet' || line.shape === 'numbered') return { type: 'term', id, inline: this.tail(body, after) };
      return undefined;
    }
    return undefined;
  }

  /** The original-case text of `body` that corresponds to its normalised tail. */
  private tail(body: string, normalizedTail: string): string {
    const want = normalizedTail.trim();
    if (want === '') return '';
    const at = normalize(body).lastIndexOf(want);
    // Lengths can differ after normalisation; fall back to the normalised text.
    const words = body.trim().split(/\s+/);
    const tailWords = want.split(' ').length;
    return at >= 0 && tailWords <= words.length ? words.slice(words.length - tailWords).join(' ') : want;
  }

  private exactTerm(text: string): string | undefined {
    const n = normalize(text.replace(/\*\*|__/g, '')).replace(/\s*[:\-–—]+\s*$/, '').replace(ARTICLE, '');
    return this.aliases.find((a) => a.alias === n)?.id;
  }

  /** The answer to an anchor: its inline text and the lines under it up to the next anchor. */
  private collectAnswer(lines: Line[], anchors: (Anchor | undefined)[], at: number, inline: string): string {
    const parts: string[] = inline === '' ? [] : [inline];
    for (let j = at + 1; j < lines.length; j++) {
      if (anchors[j] !== undefined) break;
      const line = lines[j]!;
      if (line.shape === 'blank') {
        // An inline answer ends at the paragraph; an answer under a heading may have several.
        if (parts.length > 0 && (inline !== '' || lines[j + 1]?.shape === 'blank')) break;
        continue;
      }
      if (line.shape === 'rule') continue;
      parts.push(line.shape === 'bold' ? [line.body, line.rest].filter(Boolean).join(' ') : line.body);
    }
    return parts.join(' ').trim();
  }

  private collectSteps(lines: Line[], anchors: (Anchor | undefined)[], from: number, used: Set<number>): StepLine[] {
    const found: StepLine[] = [];
    let misses = 0;
    for (let j = from; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.shape === 'blank' || line.shape === 'rule') continue;
      const anchor = anchors[j];
      if (anchor !== undefined && anchor.type !== 'other') break;
      if (anchor?.type === 'other' && line.shape === 'heading') break;
      const body = line.shape === 'table' ? (line.cells ?? []).filter((c) => !/^\d+\.?$/.test(c)).join(' ') : line.body;
      const match = this.steps.match(body, 0.45);
      if (match === undefined) {
        // An instruction line or two before the steps is fine; after them, the list is over.
        if (found.length > 0 || ++misses > 2) break;
        continue;
      }
      used.add(j);
      found.push(line.number === undefined ? { id: match.id, text: body } : { id: match.id, text: body, number: line.number });
    }
    // Numbered lines written out of order: the numbers say the order.
    const numbers = found.map((s) => s.number);
    if (found.length > 1 && numbers.every((n) => n !== undefined) && new Set(numbers).size === found.length) {
      found.sort((a, b) => a.number! - b.number!);
    }
    return found;
  }
}
