/** Opens the learner's progress store; tells them, in one line each, if a broken file was moved aside or progress cannot be saved. */
import { ProgressStore } from '../tutor/progress.js';
import { warn } from './output.js';

export async function openProgress(): Promise<ProgressStore> {
  const { store, warning } = await ProgressStore.open({ onWarning: warn });
  if (warning !== undefined) warn(warning);
  return store;
}
