/** Opens the learner's progress store and tells them, in one line, if a broken file was moved aside. */
import { ProgressStore } from '../tutor/progress.js';
import { warn } from './output.js';

export async function openProgress(): Promise<ProgressStore> {
  const { store, warning } = await ProgressStore.open();
  if (warning !== undefined) warn(warning);
  return store;
}
