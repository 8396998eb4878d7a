/** Plays one lesson in the terminal: its prose, then its exercise, saving progress as it goes. */
import type { Lesson } from '../../tutor/lessons.js';
import type { ProgressStore } from '../../tutor/progress.js';
import { randomSeed } from '../../random.js';
import { renderMarkdown } from '../markdown.js';
import { c, out } from '../output.js';
import { pressEnter } from '../prompts.js';

export interface PlayContext {
  store: ProgressStore;
  seed?: string;
}

export async function playLesson(lesson: Lesson, ctx: PlayContext): Promise<void> {
  await ctx.store.start(lesson.id);
  out();
  if (lesson.prose !== undefined) {
    out(await renderMarkdown(lesson.prose));
    out();
  }
  const seed = ctx.seed ?? String(randomSeed());
  switch (lesson.kind) {
    case 'reading':
      await pressEnter('Press Enter when you have read it');
      await ctx.store.finish(lesson.id, { correct: 1, total: 1 });
      out(`${c.green('✓')} ${lesson.title}: done.`);
      return;
    case 'ordering': {
      await pressEnter('Press Enter to start');
      const { playOrdering } = await import('./ordering.js');
      await playOrdering(lesson, ctx.store, seed);
      return;
    }
    case 'workshop': {
      const { playWorkshop } = await import('./workshop.js');
      await playWorkshop(lesson, ctx.store, seed);
      return;
    }
    case 'review': {
      await pressEnter('Press Enter to start');
      const { playReview } = await import('./review.js');
      await playReview(lesson, ctx.store);
      return;
    }
    case 'vocabulary': {
      await pressEnter('Press Enter to start');
      const { playVocabulary } = await import('./vocabulary.js');
      await playVocabulary(lesson, ctx.store, seed);
      return;
    }
  }
}
