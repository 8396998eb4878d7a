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
  if (opts.print === true) return printLesson(lesson, opts.json === true);
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
    'See the lessons with `oauth-tutor learn --list`, read one with `oauth-tutor learn <lesson> --print`; the ordering exercise is scriptable with `oauth-tutor order --seed 1 --json`.',
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
 * `learn <lesson> --print`: the lesson's text, without a terminal or a prompt. On a terminal it is
 * rendered as a lesson shows it; to a pipe or a file it is the lesson's markdown, whole, to read
 * elsewhere or hand out. Nothing is saved: reading it is not taking the lesson.
 */
async function printLesson(id: string | undefined, json: boolean): Promise<void> {
  if (id === undefined)
    throw usage(
      '--print needs a lesson: oauth-tutor learn <lesson> --print.',
      'See the lessons with `oauth-tutor learn --list`.',
    );
  const set = await requireLessons(undefined, { only: [id] });
  const lesson = findLesson(set, id);
  const command = `oauth-tutor learn ${lesson.id}`;
  const exercise =
    lesson.kind === 'reading' ? undefined : `Its exercise runs in a terminal: ${command}`;
  if (json) {
    printJson({
      id: lesson.id,
      title: lesson.title,
      summary: lesson.summary,
      kind: lesson.kind,
      requires: lesson.requires,
      prose: lesson.prose ?? null,
      exercise: exercise ?? null,
    });
    return;
  }
  // The prose opens with the lesson's own title; a lesson without one gets its title and summary.
  const prose = lesson.prose?.trim();
  const markdown = [
    ...(prose?.startsWith('# ') === true ? [] : [`# ${lesson.title}`, `_${lesson.summary}_`]),
    ...(prose === undefined ? [] : [prose]),
    ...(exercise === undefined ? [] : [`---\n\nIts exercise runs in a terminal: \`${command}\``]),
  ].join('\n\n');
  if (process.stdout.isTTY) {
    const { renderMarkdown } = await import('../markdown.js');
    out(await renderMarkdown(markdown));
  } else process.stdout.write(`${markdown}\n`);
}
