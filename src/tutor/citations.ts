/**
 * Citations are checked like code: lessons/rfc-sections.yaml lists the section
 * numbers and titles of every specification the content cites, and this module
 * finds every citation in a text ("RFC 6749 §4.1.2", "RFC 6749 section 4.1.2",
 * "Section 4.1.2 of RFC 6749", "OIDC Core §3.1.2", and RFC links with a
 * `#section-` anchor) and reports one that names a section the list does not
 * hold, or a link whose anchor is not the section its own text claims.
 * `oauth-tutor lessons lint` runs it over the lessons, the decks, the rubric
 * and src/.
 */
import type { Checker } from '../checker.js';
import type { Problem } from '../problems.js';
import type { Json } from '../json.js';

export interface Spec {
  /** "RFC 6749" or "OIDC Core". */
  id: string;
  title: string;
  /** Section number → title. */
  sections: Map<string, string>;
}

export type SpecIndex = Map<string, Spec>;

export const SECTIONS_FILE = 'rfc-sections.yaml';

export function parseSpecIndex(raw: Json, c: Checker): SpecIndex | undefined {
  const root = c.object(raw, '');
  if (root === undefined) return undefined;
  const index: SpecIndex = new Map();
  (c.array(root, 'specs', '', { nonEmpty: true }) ?? []).forEach((entry, i) => {
    const field = `specs[${i}]`;
    const obj = c.object(entry, field);
    if (obj === undefined) return;
    const rfc = obj['rfc'];
    const name = c.string(obj, 'name', field, { optional: true });
    const id = typeof rfc === 'number' ? `RFC ${rfc}` : name;
    if (id === undefined) {
      c.report(field, 'needs "rfc: <number>" or "name: <specification>"');
      return;
    }
    const title = c.string(obj, 'title', `${field} (${id})`) ?? '';
    const sections = new Map<string, string>();
    const raw = obj['sections'];
    if (raw !== undefined && raw !== null) {
      const secs = c.object(raw, `${field} (${id}).sections`) ?? {};
      for (const [num, t] of Object.entries(secs)) {
        if (!/^\d+(\.\d+)*$/.test(num))
          c.report(`${field} (${id}).sections`, `"${num}" is not a section number`);
        else if (typeof t !== 'string' || t.trim() === '')
          c.report(`${field} (${id}).sections.${num}`, 'needs the section title');
        else sections.set(num, t);
      }
    }
    if (index.has(id)) c.report(field, `${id} is listed twice`);
    index.set(id, { id, title, sections });
  });
  return index;
}

export interface Citation {
  /** "RFC 6749" or "OIDC Core". */
  spec: string;
  /** Undefined for a citation of the whole document. */
  section?: string;
  /** 1-based line. */
  line: number;
  via: 'text' | 'link';
  /** The citation in its written form. */
  raw: string;
}

// "\u00a7" is "§" to the regular expression: the raw text stays ASCII, as the bundle must (scripts/rollup-plugins.mjs).
const NUM = String.raw`\d+(?:\.\d+)*`;
const SEC = String.raw`(?:\u00a7\s*|[Ss]ections?\s+|[Ss]ec\.\s*)`;
// "RFC 6749 §3.1, §3.2 and §10.12": a list of sections continues with § after a comma, "and", "or" or "/".
const TEXT = new RegExp(
  String.raw`\bRFC[ -]?(\d{3,5})(?:,?\s*${SEC}(${NUM})((?:\s*(?:,|and|or|/)\s*\u00a7\s*${NUM})*))?`,
  'g',
);
const OF_RFC = new RegExp(
  String.raw`(?:\u00a7\s*|\b[Ss]ection\s+)(${NUM})\s+of\s+\[?RFC[ -]?(\d{3,5})\]?`,
  'g',
);
const OIDC = new RegExp(
  String.raw`\b(?:OIDC|OpenID\s+Connect)\s+Core(?:\s+1\.0)?,?\s*${SEC}(${NUM})((?:\s*(?:,|and|or|/)\s*\u00a7\s*${NUM})*)`,
  'g',
);
const LINK =
  /https?:\/\/(?:www\.)?(?:rfc-editor\.org\/rfc\/rfc|datatracker\.ietf\.org\/doc\/html\/rfc|tools\.ietf\.org\/html\/rfc|ietf\.org\/rfc\/rfc)(\d{3,5})(?:\.html|\.txt)?(?:#section-(\d+(?:\.\d+)*))?/g;
const MD_LINK = /\[([^\]]*)\]\(([^)\s]+)\)/g;

/**
 * Every citation in `text`, with the line it starts on. The text is read as a
 * whole, so a citation wrapped across lines ("RFC 9700\n  §2.2.2", as in
 * folded YAML and markdown) is still read with its section.
 */
export function findCitations(text: string): Citation[] {
  const out: Citation[] = [];
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? Infinity) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  // Links first, blanked out afterwards so that "rfc6749" in a URL is not read again from the text.
  for (const m of text.matchAll(LINK)) {
    out.push({
      spec: `RFC ${m[1]}`,
      ...(m[2] === undefined ? {} : { section: m[2] }),
      line: lineOf(m.index),
      via: 'link',
      raw: m[0],
    });
  }
  const plain = text.replace(LINK, blank);
  for (const m of plain.matchAll(OF_RFC))
    out.push({
      spec: `RFC ${m[2]}`,
      section: m[1] ?? '',
      line: lineOf(m.index),
      via: 'text',
      raw: oneLine(m[0]),
    });
  const rest = plain.replace(OF_RFC, blank);
  for (const m of rest.matchAll(TEXT)) {
    const spec = `RFC ${m[1]}`;
    const line = lineOf(m.index);
    if (m[2] === undefined) out.push({ spec, line, via: 'text', raw: oneLine(m[0]) });
    else
      for (const section of [m[2], ...moreSections(m[3])])
        out.push({ spec, section, line, via: 'text', raw: oneLine(m[0]) });
  }
  for (const m of rest.matchAll(OIDC)) {
    for (const section of [m[1] ?? '', ...moreSections(m[2])])
      out.push({
        spec: 'OIDC Core',
        section,
        line: lineOf(m.index),
        via: 'text',
        raw: oneLine(m[0]),
      });
  }
  return out.sort((a, b) => a.line - b.line);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

function moreSections(list: string | undefined): string[] {
  return [...(list ?? '').matchAll(/§\s*(\d+(?:\.\d+)*)/g)].flatMap((m) => m[1] ?? []);
}

/**
 * The problems with the citations in one file: a specification or section the
 * index does not hold, and a link whose anchor is not a section its own text
 * (the markdown link text, or the same line) cites of the same RFC.
 */
export function checkCitations(file: string, text: string, index: SpecIndex): Problem[] {
  const problems: Problem[] = [];
  const report = (line: number, message: string) =>
    problems.push({ file, field: '', line, message });
  const citations = findCitations(text);
  for (const c of citations) {
    const spec = index.get(c.spec);
    if (spec === undefined) {
      report(
        c.line,
        `${c.raw.trim()}: ${c.spec} is not in ${SECTIONS_FILE}; add it (number, title, the sections cited) after reading it`,
      );
    } else if (c.section !== undefined && !spec.sections.has(c.section)) {
      report(
        c.line,
        `${c.raw.trim()}: ${c.spec} has no section ${c.section} in ${SECTIONS_FILE} (${spec.title}); check the number in the specification's table of contents`,
      );
    }
  }
  // A link must point at the section its text claims.
  const lines = text.split('\n');
  for (const link of citations.filter((c) => c.via === 'link' && c.section !== undefined)) {
    const line = lines[link.line - 1] ?? '';
    for (const m of line.matchAll(MD_LINK)) {
      const [, linkText = '', target = ''] = m;
      if (!target.includes(link.raw)) continue;
      const claimed = findCitations(linkText).filter((c) => c.via === 'text');
      const sameSpec = claimed.filter((c) => c.spec === link.spec);
      const [first] = claimed;
      if (first !== undefined && sameSpec.length === 0)
        report(
          link.line,
          `the link text cites ${first.spec} but the link goes to ${link.spec} (${link.raw})`,
        );
    }
    const texts = citations.filter(
      (c) =>
        c.via === 'text' && c.line === link.line && c.spec === link.spec && c.section !== undefined,
    );
    if (texts.length > 0 && !texts.some((c) => c.section === link.section)) {
      report(
        link.line,
        `the link goes to ${link.spec} section ${link.section} but its text cites §${texts.map((c) => c.section).join(', §')}: make the anchor and the text agree`,
      );
    }
  }
  return problems;
}
