/**
 * `oauth-tutor lessons lint [dir]`: validate a lessons folder, the rubric's own check (model
 * answers, misconception examples, safe patterns) and every RFC citation in it (and in src/ for
 * the shipped lessons); list every problem (exit 1 when any).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadLessons } from '../../tutor/lessons.js';
import { lintCitations } from '../../tutor/citation-lint.js';
import { shippedLessonsDir } from '../../tutor/paths.js';
import { formatProblem } from '../../problems.js';
import { EXIT, ExitError, TutorError } from '../../errors.js';
import { c, err, out, printJson } from '../output.js';
import type { LessonsLintCliOptions } from '../program.js';

export async function lintCommand(opts: LessonsLintCliOptions, folder?: string): Promise<void> {
  const dir = folder === undefined ? shippedLessonsDir : resolve(folder);
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    throw new TutorError('ERR_INPUT', `${folder ?? dir} is not a folder.`, {
      hint: 'Give the folder that holds manifest.yaml, e.g. `oauth-tutor lessons lint ./lessons`.',
    });
  }
  const { set, problems } = await loadLessons(dir, { selfCheck: true });
  problems.push(...(await lintCitations(dir)));
  if (opts.json) {
    printJson({ dir, lessons: set.lessons.length, ok: problems.length === 0, problems });
  } else {
    for (const p of problems) out(`${c.red('✗')} ${formatProblem(p)}`);
    if (problems.length === 0)
      err(`${c.green('✓')} ${set.lessons.length} lessons, no problems (${dir})`);
    else err(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}`);
  }
  if (problems.length > 0) throw new ExitError(EXIT.FAILED);
}
