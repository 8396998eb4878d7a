/** `oauth-tutor learn [lesson]`: the lesson menu (resuming where the learner left off), one lesson, or `--list`. */
import { findLesson, requireLessons } from '../../tutor/lessons.js';
import { collectStatus, resumeLesson } from '../../tutor/status.js';
import { c, out, printJson } from '../output.js';
import type { LearnCliOptions } from '../program.js';
import { playLesson, resumable } from '../play/index.js';
import { choose, requireInteractive } from '../prompts.js';
import { openProgress } from '../session.js';
import { statusLines, statusMark, scoreText } from '../status-view.js';

const QUIT = '\0quit';

export async function learn(opts: LearnCliOptions, lesson?: string): Promise<void> {
  const listing = opts.list === true || opts.json === true;
  // A listing needs only the manifest; lessons to play need their content.
  const set = await requireLessons(undefined, listing ? { only: [] } : {});
  const store = await openProgress();
  if (listing) {
    const rows = collectStatus(set, store.data);
    if (opts.json) printJson({ lessons: rows, resume: resumeLesson(set, store.data) ?? null });
    else for (const line of statusLines(rows)) out(line);
    return;
  }
  // An unknown id is worth knowing about even without a terminal.
  const chosen = lesson === undefined ? undefined : findLesson(set, lesson);
  requireInteractive(
    '`oauth-tutor learn`',
    'See the lessons with `oauth-tutor learn --list`; the ordering exercise is scriptable with `oauth-tutor order --seed 1 --json`.',
  );
  const seedOpt = opts.seed === undefined ? {} : { seed: opts.seed };
  // Esc inside a lesson named on the command line leads to the lesson menu, like it does from the menu.
  if (chosen !== undefined && (await playLesson(chosen, { store, ...seedOpt })) === 'finished')
    return;
  for (;;) {
    const rows = collectStatus(set, store.data);
    const resume = resumeLesson(set, store.data);
    const choice = await choose<string>(
      resume === undefined ? 'All lessons done. Pick one to revisit' : 'Choose a lesson',
      [
        ...rows.map((r) => {
          const score = scoreText(r);
          // "resume" only where the lesson picks up where it stopped; an unfinished ordering starts again.
          const next =
            r.status !== 'started' ? ' ← next' : resumable(r.kind) ? ' ← resume' : ' ← try again';
          const tag = r.id === resume ? c.cyan(next) : '';
          return {
            name: `${statusMark(r.status)} ${r.title}${score === '' ? '' : c.dim(` (${score})`)}${tag}`,
            value: r.id,
            description: r.summary,
          };
        }),
        { name: 'Back', value: QUIT },
      ],
      resume,
    );
    if (choice === QUIT) return;
    await playLesson(findLesson(set, choice), { store, ...seedOpt });
  }
}
