/**
 * Reading an answer sheet in whatever shape a student's notes take: questions
 * as headings, bold lines, bullets or plain lines with the answer on the next
 * line or paragraph; the steps as plain or numbered lines, however spaced;
 * vocabulary as a table, `Term: definition`, `Term :- definition`, a bold or
 * heading term with a paragraph under it, or `- Term definition`. The result
 * says what the sheet holds for each item; grading happens elsewhere.
 */
import { readLines, shapeLine, MAX_LABEL_CHARS, type Line, type ShapedLine } from './lines.js';
import { anyHit } from './match.js';
import { Memo } from './memo.js';
import type { Rubric } from './rubric.js';
import type { StepMatcher } from './steps.js';
import { normalize } from './text.js';
import { fixTypos } from './typos.js';

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

type Anchor =
  | {
      type: 'question';
      id: string;
      inline: string;
      /** Told only by its subject (askedAbout): no question where the sheet asks it in other words too. */
      weak?: true;
    }
  | {
      type: 'term';
      id: string;
      inline: string;
      sentence?: true;
      /** Told by a gap of spaces after the name ("client id   …"): read so only where a sheet has two. */
      spaced?: true;
      /** The inline answer is all of it: a dictionary's value ends with its line. */
      whole?: true;
    }
  | { type: 'ordering' }
  | { type: 'reflection'; id: string }
  | { type: 'other' };

// Dot leaders too ("Client ID ........ the app's id"), down to one dot where the name is long.
const SEPARATOR = /^\s*(?::-|:=|=>|->|→|⇒|[.…]+(?=\s)|:|-|–|—|=)\s*/;
/** "Token Endpoint is the URL…": a verb standing where a separator would. */
const VERB_SEPARATOR = /^\s*(?:is|are|means|refers to|=)\s+(?=\S)/;
const ARTICLE = /^(?:the|an?)\s+/;
/** A line that introduces the student's own answer after a copied prompt. */
const ANSWER_MARKER =
  /^(?:answers?|solution|response)\b|\b(?:my|correct|right|the correct)\s+(?:answer|order|ordering|sequence)\b/;
const QUESTION_WORD =
  /^(what|why|how|which|when|where|who|name|list|describe|explain|define|write|put)\b/;
const VOCABULARY_HEADING =
  /^(?:\d{1,2}\s*[.)]\s*)?(?:(?:the |document the following )?vocab\w*|(?:key )?terms|definitions|defs|defns|glossary)\b/;
/** A line that is only the vocabulary's title. */
const VOCABULARY_LINE =
  /^(?:(?:the |document the following )?vocab\w*|(?:key )?terms|definitions|defs|defns|glossary)(?: terms| words| list)?(?: ?\([^()]{0,40}\))?\s*:?$/;
/** Splits an ordering written on one line: "A, B, C" or "A → B → C". */
const INLINE_LIST = /\s*(?:,|;|→|⇒|➡️?|➔|⟶|-->|->|=>|\s>\s)\s*/;
/** "Q:", "Question 4." before a term a student asked as a question ("**Q: Client Secret**"). */
const Q_MARKER = /^(?:q|question)\s{0,2}\d{0,2}\s{0,2}[:.)]\s*/i;
/**
 * An answer told by its item's number: "Q2 - …", "Question 3)", "#3 -", "(5)", "Item 7:", "Ans 2:",
 * "No. 4" (the number in group 1 or 2, the answer in group 3).
 */
/** A section of sources, notes or the student's own open questions, which answers no item. */
const ASIDE =
  /^(?:sources?|references?|refs|citations?|bibliography|links|further reading|(?:my |open |remaining )?questions (?:i|we) (?:still )?have|questions for (?:class|next time)|things to ask|to ask)\b.{0,20}$/;
const ITEM_START =
  /^[\s#*_`+-]{0,12}(?:[qQ](?:uestion)?\s{0,2}#?\s{0,2}\d|[iI]tem\b|[aA]ns(?:wer)?\b|[nN]o\.?\s{0,2}\d|#\s{0,2}\d|\(\d)/;
const ITEM_MARK =
  /^\s{0,3}(?:#{1,6}\s{1,3})?(?:[-+]\s{1,3})?(?:(?:q|question|item|ans|answer|no\.?|#)\s{0,2}#?\s{0,2}(\d{1,2})|\((\d{1,2})\))(?![\d.,])\s{0,2}(?:[.):\-–—=]|(?=\s)|$)\s*(.*)$/i;
/** "Q authz code: one-time…", "Q benefit - …": a bare Q, the question's subject, then its answer. */
const BARE_Q = /^q\s{1,2}([a-z][a-z /'-]{1,40}?)\s{0,2}(?::|\s[-–—])\s*/;
/** A dash, arrow or colon between a question and its answer on one line ("auth code? — trade it"). */
const LEADING_SEPARATOR = /^\s{0,3}(?:->|→|=>|⇒|[-–—:=]|(?:a|ans|answer)\s{0,2}:)\s+/i;
/** A letter before a term: "a) Client ID", "(b) Client Secret", "C. Authorization Code". */
const TERM_LETTER = /^\(?[a-hA-H][.)]\s+/;
/** Whether a line starts with such a letter (two characters looked at before the expression). */
const LETTERED_LINE = /(?:^|\n)[ \t]*\(?[a-hA-H][.)][ \t]/;
const lettered = (body: string) =>
  (body[1] === ')' || body[1] === '.' || body[0] === '(') && TERM_LETTER.test(body);
/** Bold text that ends a line: "…in the correct order: **Register…, Ask…, …**". */
const BOLD_AT_END = /\*\*([^*]{20,2000})\*\*\s*$/;
/** A term's name in quotes before a colon, as a dictionary or JSON has it. */
const QUOTED_NAME = /^["'“‘]([^"'“”‘’\n]{1,60})["'”’](?=\s*[:=])/;
/** Its value: `"the app's id",  # a comment` → the app's id. */
const QUOTED_VALUE = /^["'“‘](.*)["'”’]\s*,?\s*(?:#.*)?$/;
/**
 * A name written as a programmer writes it, at the start of a line: camelCase (`accessTokenEndpoint`),
 * snake_case or SCREAMING_SNAKE (`api_endpoint`, `API_ENDPOINT`) or kebab-case (`authorization-code`),
 * as in a YAML or JSON key, a code comment or a config file (not `client_id=…` in a form body).
 */
/** A documentation comment's tag before a name: JSDoc's `@property {string} clientId`, Python's `:param client_id:`. */
const CODE_TAG =
  /^(?:@(?:property|prop|param|arg|argument|member|field|var)|:(?:param|ivar|var|cvar))[ \t]+(?:\{[^{}\n]{0,60}\}[ \t]+)?/;
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]{0,30}(?:[_-][A-Za-z0-9]{1,30}){0,5}(?=$|[^A-Za-z0-9_=&-])/;
/** "Questions:" on a line of its own. */
const QUESTIONS_LINE = /^(?:\d{1,2}\s*[.)]\s*)?(?:the |review )?(?:questions?|qs|q's|q&a)\s*:?$/;
/** A short label, a dash or colon, and the rest: "benefit - more secure". */
/** A tab, or two spaces and more, between a term and its definition in columns. */
const COLUMN_GAP = /\t[ \t]*| {2,}/;
/** A separator within a label's first 40 characters (a cheap look before LABELLED). */
const SHORT_LABEL = /^[^:\-–—=→]{1,41}[:\-–—=→]/;
const LABELLED = /^(\S(?:[^:\-–—=]{0,38}\S)?)\s*(?:[:\-–—=]|->|→)\s+(\S.*)$/;
/** A line wholly in parentheses: a remark of the student's. */
const REMARK = /^\([^()]{1,300}\)[.!]?$/;
/** "Define …" before a term a sheet asks for ("Q: Define client ID."). */
const DEFINE = /^(?:define|definition of)\s+/i;
/** "What is …", "Define …": a question asking for a term's definition. */
const DEFINITION_ASKED = /^(?:what(?: is|'s| are)|define|explain)\s+/;
/** A step's id while its line is a gap in a list (see collectRuns). */
const GAP = '\0gap';
/** "c) …", "C. …": a letter labelling a line, as students label the prompt's list. */
const LETTER_LABEL = /^([a-iA-I])[).]\s+/;
/** Words that say an order's numbers are the places of the steps in the assignment's own list. */
const PROMPT_NUMBERS =
  /\b(prompt|reading|assignment|the list|the question|numbers from|numbering|as (listed|given|numbered))\b/;
/** Four to nine numbers in a row, after a short label or none: "Correct order: 6, 7, 2, 3, 4, 5, 1". */
const NUMBER_ORDER =
  /^(?:[-+*•]\s+)?(?:[^\d:\n]{0,40}:\s*)?((?:\d{1,2}(?:\s{0,3}(?:,|;|→|->|=>|>|-)\s{0,3}\d{1,2}|\s{1,3}\d{1,2}){3,8})|(?:[a-i](?:\s{0,3}(?:,|;|→|->|=>|>|-)\s{0,3}[a-i]|\s{1,3}[a-i]){3,8}))\s*\.?$/i;
/** The answer after a question written without its question mark: "…authorization code - trade it…". */
const ANSWER_AFTER_DASH = /^(?:\S{1,40} {1,3}){4,30}?[-–—] {1,3}(\S.*)$/;
const ANSWER_AFTER_COLON = /^((?:\S{1,40} {1,3}){3,30}?\S{1,40}?): {1,3}(\S.*)$/;
const ANSWER_AFTER_TAB = /^[^\t]{10,160}\t\s*(\S.*)$/;
const ANSWER_AFTER_ARROW = /^.{3,80}? {0,3}(?:->|→|=>|⇒) {0,3}(\S.*)$/;
/**
 * What follows a question written without its question mark, after four words or more and a dash,
 * colon or tab, or '' ("- 2 pts", "(lecture 4)", "- in your own words" are no answer).
 */
function answerAfter(body: string): string {
  const colon = ANSWER_AFTER_COLON.exec(body);
  // Not a colon inside the question's own parenthesis: "…authentication (lecture 4: OAuth vs basic)".
  const before = colon?.[1] ?? '';
  const inParens = before.split('(').length > before.split(')').length;
  const answer = (
    ANSWER_AFTER_TAB.exec(body)?.[1] ??
    ANSWER_AFTER_DASH.exec(body)?.[1] ??
    (inParens ? undefined : colon?.[2]) ??
    ANSWER_AFTER_ARROW.exec(body)?.[1] ??
    ''
  ).trim();
  return /^\(?\d+ ?(?:pts?|points?|marks?)\b|^\(?in (?:your|my) own words\W*$/i.test(answer)
    ? ''
    : answer;
}
/** A question without its mark, then an arrow and the answer: "auth code what can u do w it -> …". */
const ASKED_BEFORE_ARROW = /^([^:=–—]{3,80}?) {0,3}(?:->|→|=>|⇒) {0,3}\S/;
const ASKING_WORD = /\b(?:what|why|how|which)\b/;
/** What stands between a question and its answer on one line: "auth code? — trade it". */
const AFTER_QUESTION = /^\s{0,3}(?:->|→|=>|⇒|[-–—:=]|(?:a|ans|answer)\s{0,2}:)\s/i;

/**
 * The question of a line that goes on with its answer (normalised text in, out): the text up to its
 * question mark where a dash, arrow or colon follows it, or, with no question mark, the text before an
 * arrow where a question word stands (and no colon or dash: "API endpoint: what we call -> …" is a
 * definition). Undefined for any other line ("The auth code? No, that one…" is an answer).
 */
function askedPart(plain: string): string | undefined {
  const mark = plain.indexOf('?');
  if (mark >= 0)
    return mark <= 200 && AFTER_QUESTION.test(plain.slice(mark + 1))
      ? plain.slice(0, mark + 1)
      : undefined;
  const label = ASKED_BEFORE_ARROW.exec(plain)?.[1];
  // (Not a question word in a parenthesis: "Access Token (what you use for API calls) -> …".)
  return label !== undefined &&
    !/ - /.test(label) &&
    ASKING_WORD.test(label.replace(/\([^()]{0,80}\)/g, ' '))
    ? `${label}?`
    : undefined;
}
/** The assignment's own instruction before a list copied on its line ("Write the following steps…"). */
const PROMPT_INSTRUCTION =
  /^\W{0,6}(?:write|put|order|arrange|sort)\b.{0,20}\bthe following steps\b/;
/** A note under a list saying its order is not the student's yet. */
const NOT_ORDERED_YET =
  /\b(?:not sure|unsure|no idea|idk|don'?t know|ha(?:ve)?n'?t|have not|didn'?t|did not)\b.{0,60}\byet\b|\b(?:i'?ll|i will|will|need to|have to)\s+(?:fix|finish|do|redo|reorder|order|sort)\s+(?:this|it|them|the order|the steps)\b.{0,30}\b(?:later|after|tomorrow|tmrw|next)\b/;
/** "Q2.", "2)", "Question 3:" before a question, "Step 4:" before a step. */
const ITEM_NUMBER =
  /^(?:\(?(?:q(?:uestion)?\s*)?\d{1,2}\s*[.):\-–]\s*|q(?:uestion)?\s*\d{1,2}\s+|q(?:uestion)?\s*[:.)\-–]\s*)/;
/** Emoji and symbols a heading starts with ("## 🔑 Vocabulary"). */
const LEADING_SYMBOLS = /^[^\p{L}\p{N}]+/u;
const STEP_NUMBER = /^(?:step|#)\s*\d{1,2}\s*[.):\-–]?\s*/i;

interface TermAlias {
  id: string;
  alias: string;
}

interface StepRun {
  steps: StepLine[];
  /** Index of the first line of the run. */
  start: number;
  /** Introduced by "My answer:" or the like. */
  marked: boolean;
  /** Found under the ordering prompt. */
  prompted: boolean;
}

export class SheetReader {
  private readonly aliases: TermAlias[];
  private readonly termIds: Set<string>;
  private readonly questionIds: Set<string>;
  /** The first word of every term name, to pass over the lines that cannot start with one. */
  private readonly firstWords: Set<string>;
  /** Each distinct source line's shape, from readLines: the same Line object each time. */
  // Lines that recur are labels, prompts and steps; a line longer than any label is an answer.
  private readonly shapes = new Memo<string, ShapedLine>(2_000, MAX_LABEL_CHARS);
  /** What each of those lines is (anchorOf reads nothing but the line, and never changes it). */
  private readonly anchors = new WeakMap<Line, { anchor: Anchor | undefined }>();

  constructor(
    private readonly rubric: Rubric,
    private readonly steps: StepMatcher,
  ) {
    // Longest first, so "access token endpoint" wins over "access token".
    this.aliases = rubric.terms
      .flatMap((t) =>
        t.aliases.map((a) => ({ id: t.id, alias: normalize(a).replace(ARTICLE, '') })),
      )
      .sort((a, b) => b.alias.length - a.alias.length);
    this.firstWords = new Set(this.aliases.map((a) => firstWord(a.alias)));
    this.termIds = new Set(rubric.terms.map((t) => t.id));
    this.questionIds = new Set(rubric.questions.map((q) => q.id));
  }

  read(text: string): ParsedSheet {
    const lines = readLines(text, (raw) => this.shapes.get(raw, shapeLine));
    const anchors = lines.map((l) => this.anchorOfShared(l));
    // A name and two spaces is a column only where the sheet lines up two or more ("Access token  lifetimes
    // are short…" inside an answer is a sentence).
    const spaced = (a: Anchor | undefined) => a?.type === 'term' && a.spaced === true;
    const column = anchors.findIndex(spaced);
    if (column >= 0 && anchors.findLastIndex(spaced) === column) anchors[column] = undefined;
    this.termHeadingsBeforeVocabulary(
      lines,
      anchors,
      ['uestion', 'UESTION', 'Qs', 'qs', 'QS', "Q's", "q's", 'Q&A'].some((w) => text.includes(w)),
    );
    // (Only a sheet with a line labelled with a letter has such a list.)
    if (LETTERED_LINE.test(text)) this.letteredSteps(lines, anchors);
    this.questionsLabelledAsTerms(lines, anchors);
    this.numberedItems(lines, anchors);
    // A question told only by its subject is none where the sheet asks that question in its words.
    if (anchors.some((a) => a?.type === 'question' && a.weak === true)) {
      const asked = new Set(
        anchors.flatMap((a) => (a?.type === 'question' && a.weak !== true ? [a.id] : [])),
      );
      for (const [i, a] of anchors.entries())
        if (a?.type === 'question' && a.weak === true && asked.has(a.id))
          anchors[i] = { type: 'other' };
    }
    const sheet: ParsedSheet = { questions: new Map(), terms: new Map(), reflections: [] };
    const used = new Set<number>();
    const runs: StepRun[] = [];

    for (const [i, line] of lines.entries()) {
      const anchor = anchors[i];
      // A line read as a step of the ordering is nothing else (not a term's definition).
      if (anchor === undefined || used.has(i)) continue;
      if (anchor.type === 'ordering') {
        // "**Order:** Register → Ask → …": the list on the prompt's own line.
        const rest = line.rest ?? '';
        const inline = rest === '' ? undefined : this.inlineSteps(rest);
        if (inline !== undefined)
          runs.push({ steps: inline, start: i, marked: false, prompted: true });
        for (const run of this.collectRuns(lines, anchors, i + 1, used))
          runs.push({ ...run, prompted: true });
      } else if (anchor.type === 'question' && !sheet.questions.get(anchor.id)) {
        sheet.questions.set(anchor.id, this.collectAnswer(lines, anchors, i, anchor));
      } else if (anchor.type === 'term' && !sheet.terms.get(anchor.id)) {
        sheet.terms.set(anchor.id, this.collectAnswer(lines, anchors, i, anchor));
      } else if (anchor.type === 'reflection') {
        sheet.reflections.push(anchor.id);
      }
    }
    // No header, or only the prompt's list copied under it: a run of lines further on that read
    // like steps is the ordering all the same (a notebook prints the order it picked below the
    // list it picked from). Each run is read from its first line only.
    let inRun = false;
    let answered = runs.some((r) => !this.isPromptOrder(r.steps));
    for (const [i, line] of lines.entries()) {
      if (answered) break;
      if (anchors[i] !== undefined || line.shape === 'blank' || used.has(i)) {
        inRun &&= line.shape === 'blank';
        continue;
      }
      const step = this.steps.match(line.body) !== undefined;
      if (step && !inRun)
        for (const run of this.collectRuns(lines, anchors, i, used)) {
          // Four steps or more, or (after a copied prompt) five short lines: not an answer's sentences.
          const listed =
            runs.length === 0 ||
            (run.steps.length >= 5 && run.steps.every((st) => st.text.length <= 100));
          if (run.steps.length < 4 || !listed) continue;
          runs.push({ ...run, prompted: false });
          answered ||= !this.isPromptOrder(run.steps);
        }
      inRun = step;
    }
    const steps =
      this.chooseRun(runs) ?? this.inlineOrdering(lines, anchors) ?? this.promptNumbers(lines);
    if (steps !== undefined) sheet.steps = steps;
    return sheet;
  }

  /**
   * "## The auth code" above a "## Vocab" section that defines the terms: a
   * heading that only names a term, standing among the questions, is the
   * student's name for the question about it ("What can you do with…").
   */
  private termHeadingsBeforeVocabulary(
    lines: Line[],
    anchors: (Anchor | undefined)[],
    asksQuestions: boolean,
  ): void {
    let vocabulary = lines.findIndex(
      (l) =>
        ((l.shape === 'heading' || (l.shape === 'bold' && (l.rest ?? '') === '')) &&
          VOCABULARY_HEADING.test(normalize(l.body))) ||
        // "VOCAB" or "Vocabulary terms:" on a line of its own in a plain-text sheet.
        (l.shape === 'plain' && l.body.length <= 40 && VOCABULARY_LINE.test(normalize(l.body))),
    );
    // With no vocabulary heading, only a "QUESTIONS:" line's section is read here: up to the next
    // heading, or the first definition of a term no question is about ("Client ID - …"), where the
    // vocabulary starts with no heading of its own.
    if (vocabulary < 0 && !asksQuestions) return;
    const questionIds = this.questionIds;
    let start = 0;
    if (vocabulary < 0) {
      const from = lines.findIndex(
        (l) => l.body.length <= 40 && QUESTIONS_LINE.test(normalize(l.body)),
      );
      if (from < 0) return;
      start = from;
      const end = lines.findIndex((l, i) => {
        const a = anchors[i];
        return (
          i > from && (l.shape === 'heading' || (a?.type === 'term' && !questionIds.has(a.id)))
        );
      });
      vocabulary = end < 0 ? lines.length : end;
    }
    // "QUESTIONS:" on a line of its own: below it, "authorization code - trade it…" is the question
    // about the code, and "benefit - …" the question its topic names.
    const questions = !asksQuestions
      ? -1
      : lines.findIndex(
          (l, i) => i < vocabulary && l.body.length <= 40 && QUESTIONS_LINE.test(normalize(l.body)),
        );
    // A "QUESTIONS" section after the vocabulary ("VOCAB (doing these first)"): to the next heading.
    const after = !asksQuestions
      ? -1
      : lines.findIndex(
          (l, i) => i > vocabulary && l.body.length <= 40 && QUESTIONS_LINE.test(normalize(l.body)),
        );
    const end =
      after < 0
        ? vocabulary
        : lines.findIndex(
            (l, i) =>
              i > after &&
              (l.shape === 'heading' ||
                (l.body.length <= 40 && VOCABULARY_LINE.test(normalize(l.body)))),
          );
    const last = after < 0 ? vocabulary : end < 0 ? lines.length : end;
    let inQuestion = false;
    for (let i = start; i < last; i++) {
      if (i === vocabulary) i = after;
      const line = lines[i];
      if (line === undefined) break;
      const anchor = anchors[i];
      const underQuestions =
        ((questions >= 0 && i > questions) || (after >= 0 && i > after)) &&
        (line.shape === 'plain' || line.shape === 'bullet');
      // A question of the student's own there ("- Access token - does it last forever?") is neither
      // the question nor the term's definition.
      if (underQuestions && /\?\s*$/.test(line.body)) {
        if (anchor?.type === 'term') {
          anchors[i] = { type: 'other' };
          continue;
        }
      } else if (underQuestions) {
        const label = LABELLED.exec(normalize(line.body));
        const topic =
          label?.[1] === undefined
            ? undefined
            : this.rubric.questions.find(
                (q) =>
                  anyHit(q.topic, label[1] ?? '') || anyHit(q.detect.slice(0, 1), label[1] ?? ''),
              );
        if (anchor?.type === 'term' && questionIds.has(anchor.id)) {
          anchors[i] = { type: 'question', id: anchor.id, inline: anchor.inline };
          inQuestion = true;
          continue;
        }
        if (anchor === undefined && topic !== undefined && label?.[1] !== undefined) {
          anchors[i] = {
            type: 'question',
            id: topic.id,
            inline: this.tail(line.body, label[2] ?? ''),
          };
          inQuestion = true;
          continue;
        }
      }
      if (anchor?.type === 'term' && line.shape === 'heading' && questionIds.has(anchor.id))
        anchors[i] = { type: 'question', id: anchor.id, inline: '' };
      // "* The auth code lets your app…" under "What can you do with an authorization code?": before
      // the vocabulary, a sentence that starts with a term's name is part of an answer (a
      // "Term: definition" line is a definition, wherever it stands).
      else if (
        anchor?.type === 'term' &&
        anchor.sentence === true &&
        inQuestion &&
        (line.shape === 'bullet' || line.shape === 'plain')
      ) {
        anchors[i] = undefined;
        continue;
      }
      if (anchors[i] !== undefined) inQuestion = anchors[i]?.type === 'question';
    }
  }

  /**
   * Questions labelled only by their subject, with no section to tell them from the vocabulary:
   * "auth code: step to get the token" above "Authorization Code: temporary code…" (a term that is a
   * question's subject, labelled twice: the first, as the sheet orders them, is the question), and
   * "benefit: …" (a question's topic that names no term).
   */
  private questionsLabelledAsTerms(lines: Line[], anchors: (Anchor | undefined)[]): void {
    const asked = new Set<string>();
    // Per term id, where it is labelled (as a term line, not a sentence about it): first and count.
    const labelled = new Map<string, { first: number; count: number }>();
    // Where the vocabulary begins: the first term no question is about ("Client ID: …").
    let vocabulary = anchors.length;
    for (let i = 0; i < anchors.length; i++) {
      const a = anchors[i];
      if (a?.type === 'question') asked.add(a.id);
      else if (a?.type === 'term' && !this.questionIds.has(a.id))
        vocabulary = Math.min(vocabulary, i);
      else if (a?.type === 'term' && a.sentence !== true) {
        const seen = labelled.get(a.id);
        if (seen === undefined) labelled.set(a.id, { first: i, count: 1 });
        else seen.count++;
      }
    }
    if (asked.size === this.rubric.questions.length) return;
    for (const question of this.rubric.questions) {
      if (asked.has(question.id)) continue;
      if (this.termIds.has(question.id)) {
        const seen = labelled.get(question.id);
        const anchor = seen === undefined ? undefined : anchors[seen.first];
        // (Above the vocabulary: a second label there is a correction or a note, not this.)
        if (
          seen !== undefined &&
          seen.count >= 2 &&
          seen.first < vocabulary &&
          anchor?.type === 'term'
        )
          anchors[seen.first] = { type: 'question', id: question.id, inline: anchor.inline };
        continue;
      }
      if (question.topic.length === 0) continue;
      let above: Anchor | undefined; // the nearest anchor above line i
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] as Line;
        const previous = above;
        above = anchors[i] ?? above;
        if (anchors[i] !== undefined || (line.shape !== 'plain' && line.shape !== 'bullet'))
          continue;
        // (A label is short: its separator stands within the first 40 characters. One indented
        // under a term, "- pros: short-lived", is part of that term's answer.)
        if (!SHORT_LABEL.test(line.body) || line.body.length > MAX_LABEL_CHARS) continue;
        if (/^\s/.test(line.raw) || previous?.type === 'term') continue;
        const label = LABELLED.exec(normalize(line.body));
        if (
          label?.[1] === undefined ||
          label[1].split(' ').length > 3 ||
          !anyHit(question.topic, label[1])
        )
          continue;
        anchors[i] = {
          type: 'question',
          id: question.id,
          inline: this.tail(line.body, label[2] ?? ''),
        };
        break;
      }
    }
  }

  /**
   * Answers told only by their item's number, as a timed sheet or a numbered submission box has
   * them ("Q4 - people trust google…", "#3 -", "(5)", "Item 7:", "10) …", out of order too). The
   * sheet's items are numbered in its order: 1 the ordering, 2 to 4 the questions, 5 to 11 the
   * terms. A sheet whose numbers go no higher than 3, with no ordering among them, numbered the
   * questions alone; under a vocabulary heading the numbers may start again at 1 for the terms.
   * Lines of a list of steps, and items the student named, keep what they are.
   */
  private numberedItems(lines: Line[], anchors: (Anchor | undefined)[]): void {
    // The lines with an item's number, cheaply; most sheets have none but their list of steps.
    const numbered: { at: number; n: number; mark: RegExpExecArray | null }[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as Line;
      if (line.raw.length > 2_000) continue;
      // (Only a line whose first mark or letter may begin an item's label is looked at closely.)
      const starts =
        (line.shape === 'numbered' || mayStartItem(line.raw)) && ITEM_START.test(line.raw);
      if (!starts && line.shape !== 'numbered') continue;
      const mark = starts ? ITEM_MARK.exec(line.raw.replace(/[*_`]/g, '')) : null;
      const n =
        mark !== null
          ? Number(mark[1] ?? mark[2])
          : line.shape === 'numbered'
            ? line.number
            : undefined;
      if (n !== undefined && n >= 1 && n <= 11) numbered.push({ at: i, n, mark });
    }
    // (A sheet has eleven items; hundreds of numbered lines are a list of something else.)
    if (numbered.length < 2 || numbered.length > 300) return;
    const found: { at: number; n: number; body: string; marked: boolean; vocab: boolean }[] = [];
    let ordering = false;
    const stepList = this.stepBlocks(
      lines,
      numbered.map((x) => x.at),
    );
    // (Most sheets number their list of steps and nothing else.)
    if (numbered.filter(({ at }) => !stepList.has(at)).length < 2) return;
    // Numbers only fill items the sheet does not name.
    const taken = { question: new Set<string>(), term: new Set<string>() };
    for (const a of anchors)
      if (a?.type === 'question' || a?.type === 'term') taken[a.type].add(a.id);
    if (
      taken.question.size + taken.term.size ===
      this.rubric.questions.length + this.rubric.terms.length
    )
      return;
    // Whether each numbered line stands below a vocabulary heading (and no questions heading
    // since), or among a sheet's sources and open questions ("Sources:", "Questions I still
    // have:"), which answer nothing.
    const vocabAt = new Map<number, boolean>();
    const asideAt = new Set<number>();
    {
      let vocab = false;
      let aside = false;
      let next = 0;
      for (let i = 0; i < lines.length && next < numbered.length; i++) {
        const line = lines[i] as Line;
        if (line.shape === 'heading') aside = false;
        if (
          (line.shape === 'heading' || line.shape === 'bold' || line.shape === 'plain') &&
          line.body.length <= 40
        ) {
          const plain = normalize(line.body);
          if (VOCABULARY_HEADING.test(plain) || VOCABULARY_LINE.test(plain))
            [vocab, aside] = [true, false];
          else if (QUESTIONS_LINE.test(plain)) [vocab, aside] = [false, false];
          else if (ASIDE.test(plain)) aside = true;
        }
        if (numbered[next]?.at === i) {
          vocabAt.set(i, vocab);
          if (aside) asideAt.add(i);
          next++;
        }
      }
    }
    // A list of steps with blank lines between them: five numbered lines or more numbered one after
    // another (1, 2, 3…), outside the vocabulary, most of which read as steps.
    const loose = new Set<number>();
    {
      const bare = numbered.filter(({ at, mark }) => mark === null && vocabAt.get(at) !== true);
      let run: typeof bare = [];
      const close = () => {
        const matched = run.filter(
          ({ at }) => this.steps.match((lines[at] as Line).body) !== undefined,
        ).length;
        if (run.length >= 5 && matched * 5 >= run.length * 3)
          for (const { at } of run) loose.add(at);
        run = [];
      };
      for (const line of bare) {
        const last = run.at(-1);
        if (last !== undefined && line.n !== last.n + 1) close();
        run.push(line);
      }
      close();
    }
    // The question or term whose answer a line may belong to: the nearest above it, past other
    // lines ("Two things:") but not past a heading or the ordering (kept as the lines go by).
    let answerAt: number | undefined;
    let scanned = 0;
    for (const { at: i, n, mark } of numbered) {
      for (; scanned < i; scanned++) {
        const a = anchors[scanned];
        if (a?.type === 'question' || a?.type === 'term') answerAt = scanned;
        else if (a?.type === 'ordering' || lines[scanned]?.shape === 'heading')
          answerAt = undefined;
      }
      const line = lines[i] as Line;
      const body = mark !== null ? (mark[3] ?? '').trim() : line.body;
      if (stepList.has(i) || loose.has(i) || asideAt.has(i)) continue;
      // "Q1" over the list of steps, "Item 1 (the list we were given):", "1) register app -> ask user
      // -> …", "1 - First we register the app… After, we ask…": the ordering, item 1.
      if (
        (body === '' && (mark === null || n === 1)) ||
        this.inlineSteps(body) !== undefined ||
        (n === 1 && (/:\s*$/.test(body) || this.stepsIn(body) >= 4 || this.stepsBelow(lines, i)))
      ) {
        if (n === 1) ordering = true;
        continue;
      }
      if (anchors[i] !== undefined && anchors[i]?.type !== 'other') continue;
      // A question of the student's own ("1. why is the code needed…?") answers nothing; nor does a
      // plain numbered line under a question or term that is not numbered itself: its answer's list.
      if (/\?\s*$/.test(body)) continue;
      if (
        mark === null &&
        answerAt !== undefined &&
        lines[answerAt]?.shape !== 'numbered' &&
        !ITEM_MARK.test((lines[answerAt]?.raw ?? '').replace(/[*_`]/g, ''))
      )
        continue;
      found.push({ at: i, n, body, marked: mark !== null, vocab: vocabAt.get(i) === true });
    }
    if (found.length < 2) return;
    const outside = found.filter((f) => !f.vocab);
    // Numbered from the ordering (questions 2 to 4, terms 5 to 11): an ordering as item 1, a number
    // past 3 with no answer numbered 1, or answers marked "Q2", "Q3" with no "Q1" among them. Else
    // from the questions: 1 to 3, then the terms 4 to 10.
    const hasOne = outside.some((f) => f.n === 1);
    const fromOrdering =
      ordering ||
      (!hasOne && outside.some((f) => f.n >= 4)) ||
      (outside.length > 0 && outside.every((f) => f.marked) && !hasOne);
    const first = fromOrdering ? 2 : 1; // the number of the first question
    const restarted =
      found.some((f) => f.vocab && f.n <= 7) && !found.some((f) => f.vocab && f.n > 7);
    const seen = new Set<number>();
    for (const { at, n, body, vocab: inVocab } of found) {
      const key = inVocab && restarted ? 100 + n : n;
      if (seen.has(key)) continue; // a number twice: a list of something else
      seen.add(key);
      const item =
        inVocab && restarted
          ? this.termItem(n - 1, body)
          : n >= first + 3
            ? this.termItem(n - first - 3, body)
            : n >= first
              ? this.questionItem(n - first, body)
              : undefined;
      if (item === undefined || taken[item.type].has(item.id)) continue;
      taken[item.type].add(item.id);
      anchors[at] = item;
    }
  }

  /** Whether the two lines below line `at` read as steps (a list under "Q1 (numbered the list)"). */
  private stepsBelow(lines: Line[], at: number): boolean {
    return [lines[at + 1], lines[at + 2]].every(
      (l) =>
        l !== undefined &&
        l.body.length <= MAX_LABEL_CHARS &&
        this.steps.match(l.body) !== undefined,
    );
  }

  /** How many different steps a sentence or clause of `text` reads as (an order told in prose). */
  private stepsIn(text: string): number {
    if (text.length > 2_000) return 0;
    const ids = new Set<string>();
    for (const part of text.split(/[.;,]\s+|\s(?:then|after|and then|after that)\s/)) {
      const found = this.steps.match(part);
      if (found !== undefined) ids.add(found.id);
    }
    return ids.size;
  }

  private questionItem(
    index: number,
    inline: string,
  ): Extract<Anchor, { type: 'question' }> | undefined {
    const question = this.rubric.questions[index];
    return question === undefined ? undefined : { type: 'question', id: question.id, inline };
  }

  private termItem(index: number, inline: string): Extract<Anchor, { type: 'term' }> | undefined {
    const term = this.rubric.terms[index];
    return term === undefined ? undefined : { type: 'term', id: term.id, inline };
  }

  /**
   * Of the given lines, those in a list of steps: three or more list lines in a row, most of which
   * read as steps.
   */
  private stepBlocks(lines: Line[], at: number[]): Set<number> {
    const steps = new Set<number>();
    const listed = (l: Line | undefined) => l?.shape === 'numbered' || l?.shape === 'bullet';
    let done = -1;
    for (const i of at) {
      if (i <= done || !listed(lines[i])) continue;
      let start = i;
      while (listed(lines[start - 1])) start--;
      let end = i;
      while (listed(lines[end + 1])) end++;
      done = end;
      const block = lines.slice(start, end + 1);
      if (block.length < 3) continue;
      const matched = block.filter(
        (l) => l.body.length <= MAX_LABEL_CHARS && this.steps.match(l.body) !== undefined,
      );
      if (matched.length * 5 >= block.length * 3) for (let k = start; k <= end; k++) steps.add(k);
    }
    return steps;
  }

  /**
   * A list labelled with letters whose lines are steps ("a) Register…", "b) Ask…", then "d)
   * Authorization code: receive it"): where two of its lines or more are steps that name no term,
   * the lines that start with a term's name are steps too, not definitions.
   */
  private letteredSteps(lines: Line[], anchors: (Anchor | undefined)[]): void {
    for (let i = 0; i < lines.length;) {
      let end = i;
      while (end < lines.length && lettered(lines[end]?.body ?? '')) end++;
      if (end - i >= 4) {
        const steps = lines
          .slice(i, end)
          .filter(
            (l, k) =>
              anchors[i + k]?.type !== 'term' &&
              this.steps.match(l.body.replace(TERM_LETTER, ''), 0.45) !== undefined,
          ).length;
        if (steps >= 2)
          for (let k = i; k < end; k++) if (anchors[k]?.type === 'term') anchors[k] = undefined;
      }
      i = Math.max(end, i + 1);
    }
  }

  /** Whether these steps are the prompt's list in the order the assignment printed it. */
  private isPromptOrder(steps: readonly { id: string }[]): boolean {
    const prompt = this.rubric.ordering.prompt;
    return (
      prompt.length > 0 &&
      steps.length === prompt.length &&
      steps.every((s, i) => s.id === prompt[i])
    );
  }

  /**
   * Numbered lines written out of order: the numbers say the order (unless every line is "1."). But
   * numbers that put the lines back in the prompt's printed order are the prompt's own line numbers,
   * kept beside each step the student moved: then the order written is the answer.
   */
  private sortByNumbers(found: StepLine[]): StepLine[] {
    const numbered = found.flatMap((s) => (s.number === undefined ? [] : [{ s, n: s.number }]));
    if (
      found.length > 1 &&
      numbered.length === found.length &&
      new Set(numbered.map((x) => x.n)).size === found.length
    ) {
      const sorted = numbered.sort((a, b) => a.n - b.n).map((x) => x.s);
      return this.isPromptOrder(sorted) ? found : sorted;
    }
    return found;
  }

  /**
   * Of several lists of steps, the student's answer: one labelled the
   * answer, else the last long list under the prompt (an earlier one is the
   * prompt copied), else the first list found.
   */
  private chooseRun(all: StepRun[]): StepLine[] | undefined {
    // A list in exactly the order the assignment printed is the prompt copied, not an answer.
    const runs = all.filter((r) => !this.isPromptOrder(r.steps));
    if (runs.length === 0) return undefined;
    const lastMarked = runs.findLast((r) => r.marked);
    if (lastMarked !== undefined) return lastMarked.steps;
    const prompted = runs.filter((r) => r.prompted && r.steps.length > 0);
    const long = prompted.filter((r) => r.steps.length >= 4);
    const lastLong = long.at(-1);
    if (long.length > 1 && lastLong !== undefined) return lastLong.steps;
    const firstPrompted = prompted[0];
    if (firstPrompted !== undefined) return firstPrompted.steps;
    return [...runs].sort((a, b) => a.start - b.start)[0]?.steps;
  }

  /**
   * An ordering written on one line ("Register…, Ask…, Redirect…"), used only
   * when no list is found. A bold line that lists the steps repeats the
   * prompt's scrambled list, and is not the student's answer.
   */
  private inlineOrdering(lines: Line[], anchors: (Anchor | undefined)[]): StepLine[] | undefined {
    for (const [i, line] of lines.entries()) {
      if (
        line.shape === 'bold' ||
        line.shape === 'blank' ||
        line.shape === 'rule' ||
        line.body.length > 2_000
      )
        continue;
      const anchor = anchors[i];
      if (anchor !== undefined && anchor.type !== 'other') continue;
      // "> Write the following steps in the correct order: Make a request…, Receive…": the prompt;
      // but the student's own order in bold after it, as this sheet's answers are, is an answer.
      if (PROMPT_INSTRUCTION.test(normalize(line.body.slice(0, 200)))) {
        const bold = BOLD_AT_END.exec(line.raw)?.[1];
        const own = bold === undefined ? undefined : this.inlineSteps(bold);
        if (own !== undefined && !this.isPromptOrder(own)) return own;
        continue;
      }
      const found = this.inlineSteps(line.body);
      if (found !== undefined && !this.isPromptOrder(found)) return found;
    }
    return undefined;
  }

  /** Four or more steps on one line, separated by commas, semicolons or arrows. */
  private inlineSteps(body: string): StepLine[] | undefined {
    if (body.length > 2_000) return undefined;
    const parts = body.split(INLINE_LIST).filter((p) => p.trim() !== '');
    if (parts.length < 4) return undefined;
    const found: StepLine[] = [];
    for (const part of parts) {
      const match = this.steps.match(part, 0.45);
      if (match !== undefined) found.push({ id: match.id, text: part.trim() });
    }
    return found.length >= 4 && found.length >= parts.length - 1 ? found : undefined;
  }

  /**
   * An order written as numbers ("Correct order: 6, 7, 2, 3, 4, 5, 1"), each naming the step the
   * student numbered so in the list above it. Read only where the numbers cannot mean anything
   * else: the list above is the prompt, copied and numbered, or the line says it is the answer;
   * with no list on the sheet, only where the student says the numbers are the prompt's ("using the
   * numbers from the list in the prompt"), since they could as well be positions in the flow.
   */
  private numberedOrder(
    line: Line,
    numbered: StepLine[] | undefined,
    before: string,
  ): StepLine[] | undefined {
    if (line.raw.length > 120) return undefined;
    const text = line.raw.replace(/[*_`]/g, '').trim();
    const found = NUMBER_ORDER.exec(text);
    if (found?.[1] === undefined) return undefined;
    // Letters (a, b, c…) are the numbers 1, 2, 3… of a list labelled with letters.
    const numbers = found[1]
      .split(/[^\da-i]+/i)
      .filter((x) => x !== '')
      .map((x) => (/\d/.test(x) ? Number(x) : x.toLowerCase().charCodeAt(0) - 96));
    if (new Set(numbers).size !== numbers.length) return undefined;
    if (numbered === undefined) {
      const prompt = this.rubric.ordering.prompt;
      const said = PROMPT_NUMBERS.test(normalize(`${before} ${text}`));
      return said && numbers.every((n) => n >= 1 && n <= prompt.length)
        ? numbers.map((n) => ({ id: prompt[n - 1]!, text: String(n) }))
        : undefined;
    }
    const copied = this.isPromptOrder(numbered);
    if (!copied && !ANSWER_MARKER.test(normalize(text))) return undefined;
    const byNumber = new Map(numbered.map((s) => [s.number, s]));
    if (!numbers.every((n) => byNumber.has(n))) return undefined;
    return numbers.map((n) => {
      const s = byNumber.get(n)!;
      return { id: s.id, text: s.text };
    });
  }

  /**
   * With no list of steps anywhere: an order written as the prompt's numbers where the student says
   * they are ("order (using the numbers from the list in the prompt):" over "6, 7, 2, 3, 5, 4, 1").
   */
  private promptNumbers(lines: Line[]): StepLine[] | undefined {
    for (const [i, line] of lines.entries()) {
      if (line.shape === 'blank' || line.raw.length > 120) continue;
      const found = this.numberedOrder(line, undefined, previousText(lines, i));
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** Whether the next line with text after `at` is a step (and no question, term or heading). */
  private nextIsStep(lines: Line[], anchors: (Anchor | undefined)[], at: number): boolean {
    for (let k = at + 1; k < Math.min(lines.length, at + 3); k++) {
      const next = lines[k];
      if (next === undefined || next.shape === 'blank') continue;
      if (anchors[k] !== undefined || next.shape === 'heading') return false;
      const text = next.shape === 'table' ? (next.cells ?? []).join(' ') : next.body;
      return text.length <= MAX_LABEL_CHARS && this.steps.match(text, 0.45) !== undefined;
    }
    return false;
  }

  private anchorOfShared(line: Line): Anchor | undefined {
    const known = this.anchors.get(line);
    if (known !== undefined) return known.anchor;
    const anchor = this.anchorOf(line);
    this.anchors.set(line, { anchor });
    return anchor;
  }

  private anchorOf(line: Line): Anchor | undefined {
    if (line.shape === 'blank' || line.shape === 'rule') return undefined;
    const body = line.shape === 'table' ? (line.cells?.[0] ?? '') : line.body;
    if (body.length > MAX_LABEL_CHARS) return this.termOf(line);
    const plain = normalize(body).replace(LEADING_SYMBOLS, '').replace(ITEM_NUMBER, '');
    // The question alone where its answer follows on the line: up to the question mark ("auth code?
    // — trade it…"), or up to an arrow after a question word ("auth code what can u do w it -> …").
    const asked = askedPart(plain);
    const looksAsked = body.includes('?') || QUESTION_WORD.test(plain) || asked !== undefined;
    // A short line asking about a topic ("auth code?", "Q: access token use?") reads like a heading.
    const shortQuestion = (asked ?? plain).length <= 60 && /\?\s*$/.test(asked ?? plain);
    // A label: a heading, or bold text standing alone (`**Access Token Uses**`, `* **Q?**`).
    const label =
      line.shape === 'heading' ||
      (line.shape === 'bold' && (line.rest ?? '') === '') ||
      shortQuestion;
    // Spelling is mended only where a question or heading may stand; most lines are answers.
    const n =
      looksAsked || line.shape === 'heading' || line.shape === 'bold' ? fixTypos(plain) : plain;
    if (looksAsked || line.shape === 'heading' || line.shape === 'bold') {
      const q = asked === undefined ? undefined : fixTypos(asked);
      // The answer, where the line goes on after the question ("auth code? — trade it…").
      const inlineIfAsked = () => (asked === undefined ? '' : this.inlineAnswer(line, body));
      const detected = (text: string) =>
        this.rubric.questions.find((item) => item.detect.every((p) => anyHit([p], text)));
      // Which question the line asks is told by the question alone where it can be: "What can you do
      // with an access token? Not with the auth code…" asks about the access token. (Else by the
      // line: "What is it for? (the auth code)".)
      const mark = n.indexOf('?');
      const before = q ?? (mark > 0 && mark <= 200 ? n.slice(0, mark + 1) : undefined);
      const whole = detected(n);
      const strong =
        (before === undefined ? undefined : detected(before)) ??
        (q === undefined ? whole : undefined);
      const question = strong ?? this.askedAbout(line, q ?? n);
      // A label need not be phrased like a question ("## Access token - what you do with it").
      if (question !== undefined && (looksAsked || label)) {
        return {
          type: 'question',
          id: question.id,
          inline: this.inlineAnswer(line, body),
          ...(strong === undefined ? { weak: true as const } : {}),
        };
      }
      const reflection = this.rubric.reflections.find((r) => anyHit(r.detect, n));
      if (reflection !== undefined && looksAsked) return { type: 'reflection', id: reflection.id };
      if (
        anyHit(this.rubric.ordering.detect, n) &&
        this.steps.match(body) === undefined &&
        // "**My order:** 3, 5, 2, 6, 7, 1, 4" is an answer, read with the list above it.
        !NUMBER_ORDER.test(line.raw.replace(/[*_`]/g, '').trim())
      )
        return { type: 'ordering' };
      // A question the student renamed to a topic: "## Authoriztion Uses", "OAuth vs Basic Authentication".
      if (label) {
        const named = q ?? n;
        const topic = this.rubric.questions.find(
          (item) => item.topic.length > 0 && anyHit(item.topic, named),
        );
        if (topic !== undefined) return { type: 'question', id: topic.id, inline: inlineIfAsked() };
      }
      // "auth code?", "access token?": a term's name with a question mark is the question about it.
      if (shortQuestion) {
        // "And the access token?", "What about the access token?": the term asked about.
        const subject = (asked ?? plain).replace(/\s*\?+\s*$/, '');
        const id = this.exactTerm(
          subject
            .replace(/\s+(uses?|usage|for)$/, '')
            .replace(/^(?:and|so|now|then|also|next|(?:what|how) about)\s+/, '')
            .replace(DEFINITION_ASKED, ''),
        );
        const inline = inlineIfAsked();
        // "What is the client secret?": asked for its definition, the term; otherwise the question
        // about it, where there is one ("Access token?", "And the access token?").
        // (Not for a term that is also a question's subject: "What is an access token?" stays the
        // question, so that a vocabulary section's own definition is the term's.)
        if (
          id !== undefined &&
          DEFINITION_ASKED.test(subject) &&
          !/\b(uses?|usage|for)$/.test(subject) &&
          this.rubric.terms.some((t) => t.id === id) &&
          !this.rubric.questions.some((q) => q.id === id)
        )
          return { type: 'term', id, inline };
        if (id !== undefined && this.rubric.questions.some((q) => q.id === id))
          return { type: 'question', id, inline };
      }
    }
    const bare = BARE_Q.exec(plain);
    if (bare !== null && line.shape !== 'table') {
      const subject = bare[1]?.trim() ?? '';
      const id = this.exactTerm(subject);
      const question =
        this.rubric.questions.find((item) => item.id === id) ??
        this.rubric.questions.find((item) => item.topic.length > 0 && anyHit(item.topic, subject));
      const separator = /:|\s[-–—]\s/.exec(body);
      const inline =
        separator === null ? '' : body.slice(separator.index + separator[0].length).trim();
      // ("Q access token - do we send it in the body too? (ask in class)" is a note of the student's.)
      if (
        question !== undefined &&
        meaningful(inline) &&
        !/\?\s*(?:\([^()]{0,60}\))?\s*$/.test(inline)
      )
        return { type: 'question', id: question.id, inline };
    }
    const term = this.termOf(line);
    if (term !== undefined) return term;
    // "VOCAB:", "Questions:" on a line of their own: a section's title, no answer's words.
    if (
      line.shape === 'plain' &&
      line.body.length <= 40 &&
      (VOCABULARY_LINE.test(normalize(line.body)) || QUESTIONS_LINE.test(normalize(line.body)))
    )
      return { type: 'other' };
    if (line.shape === 'heading') return { type: 'other' };
    if (line.shape === 'bold' && (line.rest ?? '') === '' && /[:?]$/.test(line.body))
      return { type: 'other' };
    // A short question we do not grade ("Which 3 things do you want to remember?"); an answer that
    // merely ends in a question mark ("…a minute or so, I think?", "access the api?") is not one.
    if (/\?\s*$/.test(body) && body.length <= 150 && QUESTION_WORD.test(n))
      return { type: 'other' };
    return undefined;
  }

  /**
   * A question marked as one ("Q: You just got an authorization code back. Now what?") that names one
   * question's subject and no other's: the question about that subject, however it is worded.
   */
  private askedAbout(line: Line, n: string) {
    if (!Q_MARKER.test(line.body) || !/\?\s*$/.test(n) || DEFINE.test(n)) return undefined;
    const asked = n.replace(ITEM_NUMBER, '');
    if (DEFINITION_ASKED.test(asked)) return undefined;
    // "Q: Access token?" names only the term: the short-question rule reads it, as the question.
    if (
      asked
        .replace(/\?\s*$/, '')
        .trim()
        .split(/\s+/).length <= 3
    )
      return undefined;
    const named = this.rubric.questions.filter((item) => {
      if (!this.rubric.terms.some((t) => t.id === item.id)) return false;
      // "access token endpoint" names another term, not the access token.
      let rest = n;
      for (const { id, alias } of this.aliases)
        if (id !== item.id && rest.includes(alias)) rest = rest.replaceAll(alias, ' ');
      return anyHit(item.detect.slice(0, 1), rest);
    });
    return named.length === 1 ? named[0] : undefined;
  }

  /** What stands after the question on its own line, if anything but markup. */
  private inlineAnswer(line: Line, body: string): string {
    // A table row: the question in one cell, the answer in the next ones.
    if (line.shape === 'table') return (line.cells ?? []).slice(1).filter(meaningful).join(' ');
    const after = body.includes('?')
      ? body
          .slice(body.indexOf('?') + 1)
          .replace(LEADING_SEPARATOR, '')
          .trim()
      : line.shape === 'heading' || line.shape === 'bold'
        ? ''
        : // "what can u do w/ an authorization code - u trade it in…": no question mark, a dash or tab.
          answerAfter(body);
    const inline =
      line.shape === 'bold' ? [after, line.rest ?? ''].filter(meaningful).join(' ') : after;
    return meaningful(inline) ? inline : '';
  }

  private termOf(line: Line): Anchor | undefined {
    if (line.shape === 'table') {
      // The term is the first cell after any row-number or empty cells ("| 3 | Client ID | … |").
      const cells = line.cells ?? [];
      const at = cells.findIndex((cell) => !/^\s*(\d+[.)]?|#)?\s*$/.test(cell));
      const cell = at > 2 ? undefined : cells[at];
      const id = cell === undefined ? undefined : this.exactTerm(cell);
      return id === undefined
        ? undefined
        : {
            type: 'term',
            id,
            inline: cells
              .slice(at + 1)
              .join(' ')
              .trim(),
          };
    }
    // "**Q: Client Secret**", "## Q: Client Secret": a term asked as a question of its own.
    if (line.shape === 'heading') {
      const id = this.exactTerm(line.body.replace(Q_MARKER, ''));
      return id === undefined ? undefined : { type: 'term', id, inline: '' };
    }
    if (line.shape === 'bold') {
      const id = this.exactTerm(line.body.replace(Q_MARKER, ''));
      return id === undefined ? undefined : { type: 'term', id, inline: line.rest ?? '' };
    }
    // "Client ID<TAB>the app's public id": a term and its definition in two tab-separated columns.
    // (Or two spaces and more, as columns are lined up in plain text: "client id   the app's id".)
    const column = COLUMN_GAP.exec(line.body.slice(0, 64));
    const tab = column === null ? -1 : column.index;
    if (column !== null && tab > 0) {
      const id = this.exactTerm(line.body.slice(0, tab));
      if (id !== undefined)
        return {
          type: 'term',
          id,
          inline: line.body.slice(tab + column[0].length).trim(),
          sentence: true,
          ...(column[0].includes('\t') ? {} : { spaced: true as const }),
        };
    }
    // Plain, bullet or numbered: the line starts with the term, perhaps in backticks or bold.
    // A term set off by markup (`Client ID`, **Client ID**) needs no separator after it.
    const marked = /^(\*\*|__|`)/.test(line.body);
    const unmarked = line.body.replace(/^\*\*(.+?)\*\*/, '$1').replace(/^__(.+?)__/, '$1');
    // "Q: Client Secret" on its own line is the term asked; "Q: Access token - how long does it
    // last?" is a question of the student's, not a definition.
    const asked = Q_MARKER.exec(unmarked);
    // "a) Client ID - …": the terms labelled with letters, as a sheet labels them under the questions' numbers.
    const unasked = (asked === null ? unmarked : unmarked.slice(asked[0].length)).replace(
      TERM_LETTER,
      '',
    );
    // "Q: Define client ID.", "Define the client secret:": the term asked for, as a label.
    const define = DEFINE.exec(unasked);
    // A name in backticks, or quoted as a dictionary in a notebook has it (`"Client ID": "…",`),
    // whose value is the answer without its quotes, comma or comment.
    const named = define === null ? unasked : unasked.slice(define[0].length);
    const dictionary = QUOTED_NAME.test(named);
    const body = spellIdentifier(
      named
        .replace(CODE_TAG, '')
        .replace(/^`([^`]{1,60})`/, '$1')
        .replace(QUOTED_NAME, '$1'),
    );
    // The longest name is five words; an article may stand before it. (Only a label's length is
    // read: the tail of a longer line is its first part's tail and the rest as written.)
    const head = body.slice(0, MAX_LABEL_CHARS);
    const n = fixTypos(normalize(head), 6).replace(ARTICLE, '');
    const tail = (normalizedTail: string) =>
      this.tail(head, normalizedTail) + body.slice(MAX_LABEL_CHARS);
    // Most lines are answers: a line whose first word begins no term's name is not a term line.
    if (!this.firstWords.has(firstWord(n))) return undefined;
    for (const { id, alias } of this.aliases) {
      if (!n.startsWith(alias)) continue;
      // "Access Token Endpoint (aka token endpoint): …": a parenthesis after the term is part of its name.
      const after = n.slice(alias.length).replace(/^\s*\([^()]{0,60}\)/, '');
      if (after !== '' && /^[a-z0-9_]/.test(after)) continue; // "client identifiers…" is not "client id"
      if (
        after.trim() === '' ||
        /^\s*:?\s*$/.test(after) ||
        (define !== null && /^\s*\.\s*$/.test(after))
      )
        return { type: 'term', id, inline: '' };
      if (asked !== null) return undefined;
      const separator = SEPARATOR.exec(after);
      if (separator !== null && separator[0].trim() !== '') {
        const rest = tail(after.slice(separator[0].length));
        const quoted = dictionary ? QUOTED_VALUE.exec(rest) : null;
        return quoted === null
          ? { type: 'term', id, inline: rest }
          : { type: 'term', id, inline: quoted[1] ?? '', whole: true };
      }
      if (define !== null) return undefined;
      // "The auth code is …": a verb where a separator would stand, as a sentence has it.
      const verb = VERB_SEPARATOR.exec(after);
      if (verb !== null)
        return {
          type: 'term',
          id,
          inline: tail(after.slice(verb[0].length)),
          sentence: true,
        };
      // "- Client ID the app's public id": a bullet with no separator (or a sentence about the term).
      if (line.shape === 'bullet' || line.shape === 'numbered' || marked)
        return { type: 'term', id, inline: tail(after), sentence: true };
      return undefined;
    }
    return undefined;
  }

  /** The original-case text of `body` that corresponds to its normalised tail. */
  private tail(body: string, normalizedTail: string): string {
    const want = normalizedTail.trim();
    if (want === '') return '';
    const words = body.trim().split(/\s+/);
    const tailWords = want.split(' ').length;
    // Lengths can differ after normalisation; fall back to the normalised text.
    return tailWords <= words.length ? words.slice(words.length - tailWords).join(' ') : want;
  }

  private exactTerm(text: string): string | undefined {
    if (text.length > 120) return undefined;
    const n = fixTypos(normalize(spellIdentifier(text.replace(/\*\*|__|`/g, '').trim())))
      .replace(/\s*[:\-–—]+\s*$/, '')
      .replace(ARTICLE, '');
    return this.aliases.find((a) => a.alias === n)?.id;
  }

  /** The answer to an anchor: its inline text and the lines under it up to the next anchor. */
  private collectAnswer(
    lines: Line[],
    anchors: (Anchor | undefined)[],
    at: number,
    anchor: Extract<Anchor, { inline: string }>,
  ): string {
    const inline = anchor.inline;
    // A table cell is the whole answer; an empty cell is an empty answer.
    if (lines[at]?.shape === 'table' || ('whole' in anchor && anchor.whole === true)) return inline;
    const parts: string[] = inline === '' ? [] : [inline];
    for (let j = at + 1; j < lines.length; j++) {
      const line = lines[j];
      if (line === undefined) break;
      const next = anchors[j];
      // The definition may restate its own term ("Access Token" / "An access token is…"), and an answer
      // under a question may start by naming the term ("The authorization code is a temporary code…").
      const restates =
        parts.length === 0 &&
        next !== undefined &&
        'id' in next &&
        next.id === anchor.id &&
        (next.type === anchor.type ||
          (anchor.type === 'question' && next.type === 'term' && line.shape === 'plain'));
      if (next !== undefined && !restates) break;
      if (line.shape === 'blank') {
        // An inline answer ends at the paragraph; an answer under a heading may have several.
        if (parts.length > 0 && (inline !== '' || lines[j + 1]?.shape === 'blank')) break;
        continue;
      }
      if (line.shape === 'rule') {
        if (parts.length > 0) break;
        continue;
      }
      parts.push(
        line.shape === 'bold' ? [line.body, line.rest].filter(Boolean).join(' ') : line.body,
      );
    }
    return parts.join(' ').trim();
  }

  /**
   * The lists of steps from a line on: blank lines may separate steps, but a
   * list that starts over (numbering back to 1, or bullets after numbers)
   * is a second list: a copied prompt, then the student's answer.
   */
  private collectRuns(
    lines: Line[],
    anchors: (Anchor | undefined)[],
    from: number,
    used: Set<number>,
  ): Omit<StepRun, 'prompted'>[] {
    const runs: Omit<StepRun, 'prompted'>[] = [];
    let current: StepLine[] = [];
    let start = from;
    let marked = false;
    let misses = 0;
    let lastShape: Line['shape'] | undefined;
    let lastIndent = 0;
    let lastParen = false;
    let blankSince = false;
    let highest = 0;
    let breaks: number[] = []; // where in `current` a blank line stood before a step
    // The last list whose every step the student numbered, and whether an order written as its
    // numbers was read already (one per ordering: a page of number lines is not many answers).
    let lastNumbered: StepLine[] | undefined;
    let hasGap = false;
    let readNumbers = false;
    // Every step of the list so far was quoted (`> 1. …`): the assignment's text, in a reply.
    let allQuoted = true;
    const close = () => {
      // A line in the list that reads like no step ("redirect to google"), with every other step
      // named: it is the one step left. Otherwise it is dropped.
      const gaps = hasGap ? current.filter((s) => s.id === GAP) : [];
      if (gaps.length > 0) {
        const named = new Set(current.map((s) => s.id));
        const left = this.rubric.ordering.prompt.filter((id) => !named.has(id));
        const gap = gaps[0];
        if (gaps.length === 1 && left.length === 1 && current.length >= 6 && gap !== undefined)
          gap.id = left[0]!;
        current = current.filter((s) => s.id !== GAP);
        hasGap = false;
      }
      if (fullyNumbered(current)) lastNumbered = current;
      // Two whole lists one after the other, alike in shape (the prompt copied, then the answer).
      // (Two lists of the seven steps, give or take: a longer run is one list with repeats.)
      const cut =
        current.length <= 40 && duplicates(current)
          ? breaks.find(
              (b) =>
                b >= 4 &&
                current.length - b >= 4 &&
                !duplicates(current.slice(0, b)) &&
                !duplicates(current.slice(b)),
            )
          : undefined;
      if (cut !== undefined) {
        runs.push({
          steps: this.sortByNumbers(current.slice(0, cut)),
          start,
          marked: false,
        });
        runs.push({
          steps: this.sortByNumbers(current.slice(cut)),
          start,
          marked,
        });
      } else if (current.length > 0)
        runs.push({ steps: this.sortByNumbers(current), start, marked });
      current = [];
      breaks = [];
      marked = false;
      allQuoted = true;
    };
    for (let j = from; j < lines.length; j++) {
      const line = lines[j];
      if (line === undefined) break;
      if (line.shape === 'blank' || line.shape === 'rule') {
        blankSince = true;
        continue;
      }
      const anchor = anchors[j];
      // "- the token endpoint replies with the access token" under step 4 starts with a term's name,
      // but inside a list of steps it is a step if it reads like one (checked below).
      const termSentence =
        anchor?.type === 'term' && anchor.sentence === true && current.length > 0;
      if (anchor !== undefined && anchor.type !== 'other' && !termSentence) break;
      if (anchor?.type === 'other' && line.shape === 'heading') break;
      const cellText =
        line.shape === 'table'
          ? (line.cells ?? []).filter((c) => !/^\d+\.?$/.test(c)).join(' ')
          : line.shape === 'bold'
            ? // "1. **Redirect** to the provider's authorization endpoint": the step goes on after the bold.
              [line.body, line.rest ?? ''].join(' ').trim()
            : line.body;
      // "c) Receive authorization code": a letter the student labels a line with, read as its number.
      const letter = LETTER_LABEL.exec(cellText);
      const tableNumber =
        line.shape === 'table' ? (line.cells ?? []).find((c) => /^\d{1,2}\.?$/.test(c)) : undefined;
      const labelled =
        line.number ??
        (letter?.[1] !== undefined
          ? letter[1].toLowerCase().charCodeAt(0) - 96
          : tableNumber !== undefined
            ? Number.parseInt(tableNumber, 10)
            : undefined);
      const body = (letter === null ? cellText : cellText.slice(letter[0].length)).replace(
        STEP_NUMBER,
        '',
      );
      // The whole order on one line ("Register → Ask → Redirect → …"); after a list, as a line of
      // its own with five steps or more, the student's answer below the prompt's list they copied.
      const inline =
        line.shape !== 'bold' && (current.length === 0 || line.shape === 'plain')
          ? this.inlineSteps(body)
          : undefined;
      // (Only where the list above is the prompt's, copied: in its printed order or quoted from it, or
      // where the line says it is the answer. "I first had these backwards: …" is no answer.)
      const below =
        current.length > 0 &&
        inline !== undefined &&
        inline.length >= 5 &&
        (this.isPromptOrder(current) ||
          allQuoted ||
          ANSWER_MARKER.test(normalize(body.slice(0, 80))));
      if (inline !== undefined && (current.length === 0 || below)) {
        close();
        used.add(j);
        runs.push({ steps: inline, start: j, marked });
        marked = false;
        continue;
      }
      // "(left out the 'ask the client' one: it's just the button)": a remark, neither a step nor the
      // list's end, though it quotes one.
      const match = body.length > MAX_LABEL_CHARS ? undefined : this.steps.match(body, 0.45);
      // (A step written in parentheses is a step; a note that the order is not done yet, or that the
      // answer follows, is read below.)
      if (
        REMARK.test(body.trim()) &&
        (match === undefined || match.score < 0.8) &&
        !NOT_ORDERED_YET.test(normalize(body)) &&
        !ANSWER_MARKER.test(normalize(body).replace(/^\(|\)$/g, ''))
      )
        continue;
      if (termSentence && match === undefined) break;
      // Asked only of a line that is no step (most lines in a list are steps).
      const answerMarker =
        match === undefined && body.length <= 60 && ANSWER_MARKER.test(normalize(body));
      // A table of steps ends with the table: a note under it is not one more step (a "My answer:"
      // line under a copied table goes on to the answer).
      if (current.length > 0 && lastShape === 'table' && line.shape !== 'table' && !answerMarker)
        break;
      // What a student wrote under a step, indented (`   - done once, by the developer` under
      // `1. Register…`), belongs to that step: it is neither a step of its own nor the end of the
      // list, unless it names a step not yet listed (the token request indented under step 4).
      if (
        current.length > 0 &&
        line.number === undefined &&
        indentOf(line.raw) > lastIndent &&
        (match === undefined || current.some((s) => s.id === match.id))
      )
        continue;
      if (match === undefined) {
        // "Correct order: 6, 7, 2, 3, 4, 5, 1": the steps by their numbers in a list above it.
        const byNumber = readNumbers
          ? undefined
          : this.numberedOrder(
              line,
              fullyNumbered(current) ? current : lastNumbered,
              previousText(lines, j),
            );
        if (byNumber !== undefined) {
          close();
          used.add(j);
          runs.push({ steps: byNumber, start: j, marked: true });
          readNumbers = true;
          misses = 0;
          continue;
        }
        if (answerMarker) {
          close();
          marked = true;
          misses = 0;
          continue;
        }
        // An outline's label between its steps ("- Login" over "  - Redirect the browser…"), less
        // indented than the steps and short, does not end the list.
        if (
          current.length > 0 &&
          indentOf(line.raw) < lastIndent &&
          body.split(/\s+/).length <= 5 &&
          line.shape !== 'heading'
        )
          continue;
        // One line in a list that reads like no step, between two that do: kept as a gap, which
        // close() fills by elimination or drops.
        if (
          current.length > 0 &&
          !hasGap &&
          body.length <= 100 &&
          this.nextIsStep(lines, anchors, j)
        ) {
          hasGap = true;
          current.push(
            labelled === undefined
              ? { id: GAP, text: body }
              : { id: GAP, text: body, number: labelled },
          );
          continue;
        }
        // A list followed by "(not sure about the order yet, I'll fix it later)" is the prompt
        // copied, not ordered: no answer.
        if (current.length > 0 && body.length <= 160 && NOT_ORDERED_YET.test(normalize(body)))
          current = [];
        // An instruction line or two before the steps is fine; after them, the list is over.
        if (current.length > 0 || runs.length > 0 || ++misses > 2) break;
        continue;
      }
      // Numbering back to 1 starts a new list, unless the list counts down (7, 6, … 2, 1) or its
      // numbers are the student's positions for lines written in another order (7, 3, 4, … 1, 2).
      const lastNumber = current[current.length - 1]?.number;
      const restart =
        current.length > 0 &&
        ((line.number === 1 && highest > 1 && lastNumber !== 2 && ascending(current)) ||
          (blankSince && lastShape !== undefined && listKind(lastShape) !== listKind(line.shape)) ||
          // "(6) Register…" under "1. …": the prompt's numbers beside an answer, another list.
          (blankSince &&
            line.number !== undefined &&
            line.number <= highest &&
            (line.parenthesized === true) !== lastParen));
      if (restart) {
        close();
        highest = 0;
      }
      highest = Math.max(highest, line.number ?? 0);
      if (current.length === 0) start = j;
      used.add(j);
      // A step broken over two lines ("1. Register your application" / "to get a client_id…").
      const previous = current[current.length - 1];
      if (
        previous !== undefined &&
        !blankSince &&
        line.shape === 'plain' &&
        line.number === undefined &&
        previous.number !== undefined &&
        previous.id === match.id
      ) {
        used.add(j);
        continue;
      }
      if (blankSince && current.length > 0) breaks.push(current.length);
      allQuoted &&= /^\s{0,3}>/.test(line.raw);
      current.push(
        labelled === undefined
          ? { id: match.id, text: body }
          : { id: match.id, text: body, number: labelled },
      );
      lastShape = line.shape;
      lastParen = line.parenthesized === true;
      lastIndent = indentOf(line.raw);
      blankSince = false;
    }
    close();
    return runs;
  }
}

/** What a line starts with, up to a space, colon, parenthesis, slash or dash. */
/**
 * `body` with a leading programmer's name spelled out as words ("accessTokenEndpoint: …" → "access Token
 * Endpoint: …"), so that it meets the term's name; any other line as it is.
 */
function spellIdentifier(body: string): string {
  if (!mayBeIdentifier(body)) return body;
  const name = IDENTIFIER.exec(body)?.[0];
  if (name === undefined || !/[a-z][A-Z]|[A-Za-z0-9][_-][A-Za-z]/.test(name)) return body;
  // Code, not a label: `API_ENDPOINT = "https://…"`, `getAccessToken(…)`.
  if (/^[ \t]{0,4}[=(]/.test(body.slice(name.length))) return body;
  const words = name.replace(/([a-z0-9])(?=[A-Z])|([A-Z])(?=[A-Z][a-z])|[_-]+/g, '$1$2 ');
  return words + body.slice(name.length);
}

/** Whether `text`'s first word has a `_`, a `-` or a capital after a small letter (a cheap look). */
function mayBeIdentifier(text: string): boolean {
  for (let i = 1; i < text.length && i < 64; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 58 || c === 9) return false; // a space, ':' or a tab ends the first word
    if (c === 95 || c === 45) return true; // '_' or '-'
    if (c >= 65 && c <= 90 && text.charCodeAt(i - 1) >= 97 && text.charCodeAt(i - 1) <= 122)
      return true;
  }
  return false;
}

/** Whether a line's first character may begin an item's label (a cheap look before ITEM_START). */
function mayStartItem(raw: string): boolean {
  const c = raw.charCodeAt(0) | 32; // lower case for letters
  // A letter other than q, i, a or n begins no item's label; anything else may (marks, spaces).
  return c < 97 || c > 122 || c === 113 || c === 105 || c === 97 || c === 110;
}

function firstWord(text: string): string {
  const end = text.search(/[\s:(/-]/);
  return end < 0 ? text : text.slice(0, end);
}

/** The nearest line above `at` with any text, up to five lines up ('' if none). */
function previousText(lines: Line[], at: number): string {
  for (let k = at - 1; k >= Math.max(0, at - 5); k--) {
    const body = lines[k]?.body ?? '';
    if (body !== '') return body.slice(0, 200);
  }
  return '';
}

/** How far a source line is indented (after any quote marks), a tab counting as four spaces. */
function indentOf(raw: string): number {
  let indent = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 32) indent++;
    else if (c === 9) indent += 4;
    else if (c === 62) indent = 0; // `>`: a quote mark; what counts is after it
    else break;
  }
  return indent;
}

/** A list of four or more steps, each with the number the student gave it. */
function fullyNumbered(steps: StepLine[]): boolean {
  return steps.length >= 4 && steps.every((s) => s.number !== undefined);
}

/** Every numbered step so far has a higher number than the one before it. */
function ascending(steps: StepLine[]): boolean {
  let last = -Infinity;
  for (const s of steps) {
    if (s.number === undefined) continue;
    if (s.number <= last) return false;
    last = s.number;
  }
  return true;
}

function duplicates(steps: StepLine[]): boolean {
  return new Set(steps.map((s) => s.id)).size !== steps.length;
}

function listKind(shape: Line['shape']): string {
  return shape === 'numbered' ? 'numbered' : shape === 'bullet' ? 'bullet' : 'other';
}

function meaningful(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
