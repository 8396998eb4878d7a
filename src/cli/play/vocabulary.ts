/**
 * The interactive vocabulary exercise: multiple choice, misconceptions
 * explained, missed cards return. The seed and every choice are saved the moment they
 * are made; resuming replays them (silently) to the same position, so the
 * score counts every sitting.
 */
import type { Lesson } from '../../tutor/lessons.js';
import type { ProgressStore } from '../../tutor/progress.js';
import { createRng } from '../../random.js';
import { VocabSession } from '../../tutor/vocabulary.js';
import { c, out } from '../output.js';
import { choose } from '../prompts.js';
import { reviewKey } from '../../quiz/review-key.js';
import { lessonContent } from '../../tutor/lessons.js';

export async function playVocabulary(
  lesson: Lesson,
  store: ProgressStore,
  seed: string,
  earlier: readonly number[] = [],
): Promise<void> {
  const deck = lessonContent(lesson, 'vocabulary');
  const session = new VocabSession(deck, createRng(seed));
  const chosenSoFar: number[] = [];
  // Replay the earlier sitting: the same seed and choices lead to the same next card.
  for (const chosen of earlier) {
    const q = session.next();
    if (q === undefined) break;
    session.answer(q, chosen);
    chosenSoFar.push(chosen);
  }
  let asked = chosenSoFar.length;
  for (let q = session.next(); q !== undefined; q = session.next()) {
    asked++;
    out();
    const chosen = await choose(
      `${c.dim(`[${asked}]`)} ${q.prompt}`,
      q.options.map((o, i) => ({ name: o.text, value: i })),
    );
    const result = session.answer(q, chosen);
    chosenSoFar.push(chosen);
    if (result.correct) {
      out(`${c.green('✓')} Right.`);
    } else {
      out(`${c.red('✗')} Not quite. ${c.bold('Answer:')} ${result.answer}`);
      if (result.why !== undefined) out(`  ${c.yellow('Why not:')} ${result.why}`);
      if (result.comesBack) out(c.dim('  This card will come back later.'));
    }
    // Saved after every answer, with the position, so Ctrl-C loses nothing.
    store.recordItem(reviewKey({ kind: 'vocabulary', card: q.cardId }), result.correct);
    await store.saveSitting(lesson.id, { seed, answers: chosenSoFar });
  }
  const score = session.score;
  await store.finish(lesson.id, score);
  out();
  out(
    `${c.bold('Score:')} ${score.correct}/${score.total} right at the first try${earlier.length > 0 ? ', counting both sittings' : ''}.`,
  );
  const missed = [...session.results]
    .filter(([, ok]) => !ok)
    .map(([id]) => deck.cards.find((card) => card.id === id)?.term ?? id);
  if (missed.length > 0) out(`Worth another look: ${missed.join(', ')}.`);
}
