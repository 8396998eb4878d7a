/**
 * `oauth-tutor quiz`: take a deck (built-in or an instructor's YAML), with
 * seeded shuffles, explanations after each answer and a summary of what was
 * missed; grade a prepared answer set without a terminal (`--answers`);
 * `--review` asks what the spaced-review schedule says is due.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Rubric } from '../../grader/rubric.js';
import type { Deck, Question } from '../../quiz/deck.js';
import { answerSet, isAnswerObject, resolveAnswer } from '../../quiz/answers.js';
import { collectPaper, paperHtml, paperMarkdown } from '../../quiz/export.js';
import { RESULT_KIND, type QuestionResult, type QuizResult } from '../../quiz/result.js';
import { reviewQuestion, type ReviewContent } from '../../quiz/review.js';
import { reviewKey } from '../../quiz/review-key.js';
import { rubricGrader, rubricItemFor } from '../../quiz/rubric-grading.js';
import { dueItems } from '../../quiz/schedule.js';
import {
  answerText,
  score,
  scoreOf,
  type Answer,
  type RubricGrader,
  type Scored,
} from '../../quiz/score.js';
import { quizQuestions } from '../../quiz/session.js';
import { builtInDeckIds, builtInDeckSummaries, readDeck, requireDeck } from '../../tutor/decks.js';
import { requireLessons } from '../../tutor/lessons.js';
import { reviewCardQuestion, type VocabularyDeck } from '../../tutor/vocabulary.js';
import { createRng, randomSeed } from '../../random.js';
import { formatProblem } from '../../problems.js';
import { cannotRead, EXIT, ExitError, TutorError, usage } from '../../errors.js';
import { c, err, out, outRaw, printJson, warn } from '../output.js';
import { ask, choose, chooseMany, pickOrder, requireInteractive } from '../prompts.js';
import { ensureDataDir } from '../data-dir.js';
import { openProgress } from '../session.js';
import type { QuizCliOptions, QuizExportCliOptions, QuizLintCliOptions } from '../program.js';

interface Content {
  rubric: Rubric | undefined;
  vocabulary: VocabularyDeck | undefined;
}

/** The self-check rubric (for text questions) and the vocabulary deck (for review), read once. */
async function loadContent(): Promise<Content> {
  const set = await requireLessons(undefined, { only: ['review', 'vocabulary'] });
  return {
    rubric: set.lessons.find((l) => l.id === 'review')?.rubric,
    vocabulary: set.lessons.find((l) => l.id === 'vocabulary')?.vocabulary,
  };
}

export async function quiz(opts: QuizCliOptions, deckRef?: string): Promise<void> {
  if (opts.list) return listDecks(opts.json === true);
  const content = await loadContent();
  const rubric = content.rubric;
  const grader = rubricGrader(rubric);
  const count = opts.count;
  if (opts.review) return review(content, grader, count ?? 10);
  let ref = deckRef;
  if (ref === undefined) {
    if (opts.answers !== undefined)
      throw usage(
        '--answers needs the deck it answers, e.g. `oauth-tutor quiz seven-steps --answers answers.json`.',
      );
    requireInteractive(
      'Choosing a deck',
      'Name the deck: `oauth-tutor quiz seven-steps`, or see `oauth-tutor quiz --list`.',
    );
    const rows = await deckRows();
    ref = await choose(
      'Which deck?',
      rows.map((r) => ({
        name: `${r.title} ${c.dim(`(${r.id}, ${r.questions} questions)`)}`,
        value: r.id,
      })),
    );
  }
  const deck = await requireDeck(ref, rubric);
  const builtIn = (await builtInDeckIds()).includes(ref);
  const seed = opts.seed ?? String(randomSeed());
  const questions = quizQuestions(deck, seed, count);
  let given = new Map<string, Answer | undefined>();
  if (opts.answers !== undefined) {
    given = await readAnswers(opts.answers, deck, questions, opts.seed !== undefined);
  } else {
    requireInteractive(
      'Taking a quiz',
      'Grade a prepared answer set instead with --answers answers.json (question id → answer).',
    );
  }
  if (opts.answers === undefined) await ensureDataDir();
  const store = opts.answers === undefined ? await openProgress() : undefined;
  const interactive = opts.answers === undefined;
  const results: QuestionResult[] = [];
  if (interactive) {
    out(c.bold(deck.title));
    if (deck.description.trim() !== '') out(c.dim(deck.description.trim()));
  }
  for (const [i, q] of questions.entries()) {
    const answer = interactive ? await askQuestion(q, i + 1, questions.length) : given.get(q.id);
    const scored = score(q, answer, grader);
    results.push({
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      answer: answer ?? null,
      verdict: scored.verdict,
      correct: scored.correct,
      expected: answerText(q),
    });
    if (interactive) {
      explain(q, scored);
      store?.recordItem(
        reviewKey({ kind: 'quiz', deck: deck.id, question: q.id }),
        scored.correct,
        builtIn ? undefined : resolve(deck.file),
      );
      await store?.save();
    }
  }
  const result: QuizResult = {
    kind: RESULT_KIND,
    version: 1,
    deck: deck.id,
    title: deck.title,
    name: opts.name ?? '',
    timestamp: new Date().toISOString(),
    seed,
    score: {
      correct: results.filter((r) => r.verdict === 'correct').length,
      partial: results.filter((r) => r.verdict === 'partial').length,
      total: results.length,
      value: scoreOf(results.map((r) => r.verdict)),
    },
    questions: results,
  };
  if (opts.out !== undefined) await writeResult(opts.out, result);
  if (opts.json) printJson(result);
  else summary(result, interactive);
  if (opts.strict && result.score.correct < result.score.total) throw new ExitError(EXIT.FAILED);
}

/** The built-in decks with their titles (for --list and the picker). */
async function deckRows(): Promise<{ id: string; title: string; questions: number }[]> {
  return (await builtInDeckSummaries()).map((d) => ({
    id: d.id,
    title: d.title ?? '(invalid deck)',
    questions: d.questions,
  }));
}

async function listDecks(json: boolean): Promise<void> {
  const rows = await deckRows();
  if (json) printJson({ decks: rows });
  else
    for (const r of rows)
      out(`${r.id.padEnd(14)} ${r.title} ${c.dim(`(${r.questions} questions)`)}`);
}

/**
 * The answer file, resolved against the questions in the order shuffled for this seed
 * (choice letters mean what the paper with the same --seed printed). Ids the
 * deck does not have are warned about, one line each.
 */
async function readAnswers(
  path: string,
  deck: Deck,
  questions: readonly Question[],
  seeded: boolean,
): Promise<Map<string, Answer | undefined>> {
  const hint =
    'Give a JSON object mapping question ids to answers, e.g. {"first": "Register your application"}.';
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw cannotRead(path, error, hint);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TutorError('ERR_INPUT', `${path} is not valid JSON.`, { hint, cause: error });
  }
  if (!isAnswerObject(data))
    throw new TutorError(
      'ERR_INPUT',
      `${path} must be a JSON object mapping question ids to answers.`,
      {
        hint: 'e.g. {"first": "b", "back-channel": false}; the README\'s "Answer files" section shows every question type.',
      },
    );
  const set = answerSet(data, deck);
  for (const id of set.unknown)
    warn(`${path}: "${id}" is not a question of the deck ${deck.id}; ignored.`);
  const asked = new Set(questions.map((q) => q.id));
  const notAsked = [...set.answers.keys()].filter(
    (id) => !asked.has(id) && !set.unknown.includes(id),
  );
  if (notAsked.length > 0)
    warn(
      `${path}: ${notAsked.length} answer${notAsked.length > 1 ? 's are' : ' is'} for questions not on this paper (${notAsked.map((id) => `"${id}"`).join(', ')}); check --count and --seed.`,
    );
  const resolved = new Map<string, Answer | undefined>();
  for (const q of questions) {
    const r = resolveAnswer(q, set.answers.get(q.id));
    if (r.usedLetters && !seeded)
      throw usage(
        `${path} answers "${q.id}" with a choice letter, and letters depend on the paper's seed.`,
        'Add the --seed printed on the paper (its answer key shows the full command).',
      );
    resolved.set(q.id, r.answer);
  }
  return resolved;
}

async function askQuestion(q: Question, n: number, total: number): Promise<Answer> {
  out();
  const label = `${c.dim(`[${n}/${total}]`)} ${q.prompt}`;
  switch (q.type) {
    case 'single':
      return choose(
        label,
        q.choices.map((ch) => ({ name: ch, value: ch })),
      );
    case 'multi':
      return chooseMany(
        label,
        q.choices.map((ch) => ({ name: ch, value: ch })),
      );
    case 'truefalse':
      return choose(label, [
        { name: 'True', value: true },
        { name: 'False', value: false },
      ]);
    case 'order': {
      const labelled = q.choices.map((text, i) => ({
        label: String.fromCharCode(65 + i), // A, B, C…
        id: text,
        text,
      }));
      const picked = await pickOrder(label, labelled);
      return picked.flatMap((l) => labelled.find((x) => x.label === l)?.text ?? []);
    }
    case 'text':
      return ask(label);
  }
}

function explain(q: Question, { verdict, feedback }: Scored): void {
  if (verdict === 'correct') out(`${c.green('✓')} Right.`);
  else
    out(
      `${verdict === 'partial' ? c.yellow('~ Partly right.') : c.red('✗')} ${c.bold('Answer:')} ${answerText(q)}`,
    );
  if (feedback) out(`  ${feedback}`);
  out(`  ${c.dim(q.explanation)}${q.link ? c.dim(`  ${q.link}`) : ''}`);
}

function summary(r: QuizResult, interactive: boolean): void {
  out();
  const partly = r.score.partial > 0 ? `, ${r.score.partial} partly right` : '';
  out(
    `${c.bold(`${r.title}:`)} ${r.score.correct}/${r.score.total} right${partly}, score ${Math.round(r.score.value * 100)}%${r.name ? ` (${r.name})` : ''}  ${c.dim(`seed ${r.seed}`)}`,
  );
  const missed = r.questions.filter((q) => q.verdict !== 'correct');
  if (missed.length > 0) {
    out(c.underline('Missed'));
    for (const q of missed)
      out(
        `  ${c.red('✗')} ${q.prompt}\n      ${c.bold('Answer:')} ${q.expected}${interactive ? '' : c.dim(`   (given: ${JSON.stringify(q.answer)})`)}`,
      );
    if (interactive) out(c.dim('These come back in `oauth-tutor quiz --review`.'));
  }
}

async function writeResult(path: string, result: QuizResult): Promise<void> {
  try {
    const { writeFileAtomic } = await import('../atomic-write.js');
    await writeFileAtomic(path, JSON.stringify(result, null, 2) + '\n');
    err(c.dim(`Results written to ${path}`));
  } catch (error) {
    throw new TutorError(
      'ERR_INPUT',
      `Cannot write the results to ${path}: ${error instanceof Error ? error.message : String(error)}.`,
      { hint: 'Choose a folder you can write to.', cause: error },
    );
  }
}

/** Spaced review: what the schedule says is due, missed items first. */
async function review(
  { rubric, vocabulary: vocab }: Content,
  grader: RubricGrader,
  limit: number,
): Promise<void> {
  requireInteractive('Review', 'Run `oauth-tutor quiz --review` in a terminal.');
  await ensureDataDir();
  const store = await openProgress();
  const now = new Date();
  const all = Object.entries(store.data.items).map(([key, v]) => ({ key, ...v }));
  const due = dueItems(all, now);
  const questions: { key: string; q: Question }[] = [];
  const decks = new Map<string, Promise<Deck | undefined>>();
  const content: ReviewContent = {
    rubric,
    seed: now.getTime(),
    // Each deck read once; one that cannot be read any more is said once, and its items wait.
    deck: (deckId, source) => {
      let deck = decks.get(deckId);
      if (deck === undefined) {
        deck = readDeck(source ?? deckId, rubric).then(
          (r) => r.deck,
          (error: unknown) => {
            warn(
              `Review items of the deck "${deckId}" are skipped: ${error instanceof Error ? error.message : String(error)}`,
            );
            return undefined;
          },
        );
        decks.set(deckId, deck);
      }
      return deck;
    },
    vocabulary: (cardId, key) =>
      vocab === undefined
        ? undefined
        : reviewCardQuestion(vocab, cardId, key, createRng(now.getTime())),
  };
  for (const item of due) {
    if (questions.length >= limit) break;
    const q = await reviewQuestion(item.key, item.source, content);
    if (q !== undefined) questions.push({ key: item.key, q });
  }
  if (questions.length === 0) {
    const next = all
      .map((i) => i.due)
      .filter((d): d is string => d !== undefined)
      .sort()[0];
    out(
      all.length === 0
        ? 'Nothing to review yet: take a lesson or a quiz first (`oauth-tutor learn`).'
        : `Nothing is due right now.${next ? ` Next review: ${next.slice(0, 16).replace('T', ' ')} UTC.` : ''}`,
    );
    return;
  }
  const verdicts: Scored['verdict'][] = [];
  for (const [i, { key, q }] of questions.entries()) {
    const answer = await askQuestion(q, i + 1, questions.length);
    const s = score(q, answer, grader);
    verdicts.push(s.verdict);
    explain(q, s);
    store.recordItem(key, s.correct);
    await store.save();
  }
  out();
  const partly = verdicts.filter((v) => v === 'partial').length;
  out(
    `${c.bold('Review:')} ${verdicts.filter((v) => v === 'correct').length}/${questions.length} right${partly > 0 ? `, ${partly} partly right` : ''}, score ${Math.round(scoreOf(verdicts) * 100)}%. ${c.dim('Right answers come back later; missed ones soon.')}`,
  );
}

export async function quizLint(refs: readonly string[], opts: QuizLintCliOptions): Promise<void> {
  const { rubric } = await loadContent();
  const targets = refs.length > 0 ? refs : await builtInDeckIds();
  const all = [];
  let questions = 0;
  for (const ref of targets) {
    const { deck, problems, file } = await readDeck(ref, rubric);
    questions += deck?.questions.length ?? 0;
    all.push(...problems.map((p) => ({ ...p, file: p.file || file })));
  }
  if (opts.json)
    printJson({ decks: targets.length, questions, ok: all.length === 0, problems: all });
  else {
    for (const p of all) out(`${c.red('✗')} ${formatProblem(p)}`);
    err(
      all.length === 0
        ? `${c.green('✓')} ${targets.length} deck${targets.length > 1 ? 's' : ''}, ${questions} questions, no problems`
        : `${all.length} problem${all.length > 1 ? 's' : ''}`,
    );
  }
  if (all.length > 0) throw new ExitError(EXIT.FAILED);
}

/**
 * A paper quiz: the questions of one seeded run (shuffled the way `quiz --seed`
 * shuffles them), then the key. Without --seed a random one is drawn and
 * printed on the paper, so its answers can still be graded.
 */
export async function quizExport(
  ref: string,
  opts: Pick<QuizExportCliOptions, 'format' | 'seed' | 'count'>,
): Promise<void> {
  const count = opts.count;
  const { rubric } = await loadContent();
  const deck = await requireDeck(ref, rubric);
  const seed = opts.seed ?? String(randomSeed());
  const questions = quizQuestions(deck, seed, count);
  const rubricItem = (id: string) => rubricItemFor(rubric, id);
  const paper = collectPaper(deck, questions, {
    ref,
    seed,
    rubricItem,
    ...(count === undefined ? {} : { count }),
  });
  outRaw((opts.format === 'html' ? paperHtml(paper) : paperMarkdown(paper)).trimEnd());
}
