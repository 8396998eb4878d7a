/** `oauth-tutor learn [lesson]`: the lesson menu (resuming where the learner left off), one lesson, or `--list`. */
import { findLesson, requireLessons } from '../../tutor/lessons.js';
import { collectStatus, resumeLesson } from '../../tutor/status.js';
import { c, out, printJson } from '../output.js';
import { usage } from '../../errors.js';
import type { LearnCliOptions } from '../program.js';
import { playLesson, resumable } from '../play/index.js';
import { choose, requireInteractive } from '../prompts.js';
import { openProgress } from '../session.js';
import { statusLines, statusMark, scoreText } from '../status-view.js';

const QUIT = '\0quit';

export async function learn(opts: LearnCliOptions, lesson?: string): Promise<void> {
  if (opts.print === true && opts.list === true)
    throw usage('--print and --list do not go together.', 'Print one lesson, or list them all.');
  // A handout's shuffled steps are the same for the same seed, so `order --seed` can check them.
  if (opts.print === true) return printLesson(lesson, opts.json === true, opts.seed ?? '1');
  if (opts.json === true && opts.list !== true && lesson !== undefined)
    throw usage(
      '--json goes with --list or --print.',
      `Print the lesson as data with \`oauth-tutor learn ${lesson} --print --json\`.`,
    );
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
    `See the lessons with \`oauth-tutor learn --list\`, read one with \`oauth-tutor learn ${lesson ?? '<lesson>'} --print\`; the ordering exercise is scriptable with \`oauth-tutor order --seed 1 --json\`.`,
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

/**
 * `learn <lesson> --print`: the lesson as a handout (src/tutor/handout.ts), without a terminal or a
 * prompt. On a terminal it is rendered as a lesson shows it; to a pipe or a file it is markdown, to
 * read elsewhere or hand out. Nothing is saved: reading it is not taking the lesson.
 */
async function printLesson(id: string | undefined, json: boolean, seed: string): Promise<void> {
  if (id === undefined)
    throw usage(
      '--print needs a lesson: oauth-tutor learn <lesson> --print.',
      'See the lessons with `oauth-tutor learn --list`.',
    );
  const set = await requireLessons(undefined, { only: [id] });
  const lesson = findLesson(set, id);
  const { lessonHandout } = await import('../../tutor/handout.js');
  const handout = lessonHandout(lesson, seed);
  if (json) {
    printJson({
      id: lesson.id,
      title: lesson.title,
      summary: lesson.summary,
      kind: lesson.kind,
      requires: lesson.requires,
      prose: lesson.prose ?? null,
      handout: handout.markdown,
      command: handout.command ?? null,
    });
    return;
  }
  if (process.stdout.isTTY) {
    const { renderMarkdown } = await import('../markdown.js');
    out(await renderMarkdown(handout.markdown));
  } else process.stdout.write(`${handout.markdown}\n`);
}
