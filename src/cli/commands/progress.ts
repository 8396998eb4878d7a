/** `oauth-tutor progress`: per-lesson status and scores, and `--reset`. */
import { copyFile } from 'node:fs/promises';
import { requireLessons } from '../../tutor/lessons.js';
import { collectStatus } from '../../tutor/status.js';
import { TutorError } from '../../errors.js';
import { c, err, out, printJson } from '../output.js';
import { confirm, requireInteractive } from '../prompts.js';
import { openProgress } from '../session.js';
import { statusLines } from '../status-view.js';
import type { ProgressCliOptions } from '../program.js';

export async function progress(opts: ProgressCliOptions): Promise<void> {
  const store = await openProgress();
  if (opts.reset) {
    if (!opts.yes) {
      requireInteractive(
        'Resetting progress',
        'Add --yes to reset without being asked: `oauth-tutor progress --reset --yes`.',
      );
      if (!(await confirm('Erase all your progress and start over?', false))) {
        err('Nothing was changed.');
        return;
      }
    }
    const backup = `${store.file}.bak`;
    const kept = await copyFile(store.file, backup).then(
      () => true,
      () => false,
    );
    if (!(await store.reset()))
      throw new TutorError(
        'ERR_INPUT',
        `Your progress could not be reset: ${store.file} cannot be written.`,
        { hint: "Check the folder's permissions, or set OAUTH_TUTOR_HOME to another folder." },
      );
    err(`Progress reset.${kept ? ` The old file is kept as ${backup}.` : ''}`);
    return;
  }
  const set = await requireLessons(undefined, { only: [] });
  const rows = collectStatus(set, store.data);
  if (opts.json) {
    printJson({ file: store.file, lastLesson: store.data.lastLesson ?? null, lessons: rows });
    return;
  }
  const done = rows.filter((r) => r.status === 'done').length;
  out(c.bold(`Progress: ${done} of ${rows.length} lessons done`));
  for (const line of statusLines(rows)) out(line);
  err(
    c.dim(
      (await store.exists())
        ? `Saved in ${store.file}`
        : `Nothing saved yet: your progress will be kept in ${store.file} once you answer something.`,
    ),
  );
}
