/** Opens the learner's progress store; tells them, in one line each, if a broken file was moved aside or progress cannot be saved. */
import { ProgressStore } from '../tutor/progress.js';
import { warn } from './output.js';

export interface OpenProgressOptions {
  /** The caller says in its own words that saving failed (it reads `store.unsaved`); other warnings still show. */
  quietSaveFailure?: boolean;
}

export async function openProgress(opts: OpenProgressOptions = {}): Promise<ProgressStore> {
  let opened: ProgressStore | undefined;
  const onWarning = (message: string) => {
    if (opts.quietSaveFailure && opened?.unsaved !== undefined) return;
    warn(message);
  };
  const { store, warning } = await ProgressStore.open({ onWarning });
  opened = store;
  if (warning !== undefined) warn(warning);
  return store;
}
