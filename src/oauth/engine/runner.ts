/**
 * Walks a grant's step modules in order. A lab is a hook: it may replace a
 * step with its own module, or add extras after one; the happy path has no
 * branches for attacks. The run stops early when a step says so (a lab's
 * outcome, the user saying no).
 */
import type { Session } from './session.js';
import type { StepRecord } from './types.js';

/** One step of a grant: fills the record the runner opened, and returns the record it shows. */
export interface StepModule<Id extends string = string> {
  id: Id;
  run(s: Session, record: StepRecord): Promise<StepRecord>;
}

/** Something done after a step that is not a step of the grant (an extra: a lab's replay, refresh, revoke). */
export type ExtraModule = (s: Session) => Promise<void>;

export interface StepHooks<Id extends string = string> {
  replace?: Partial<Record<Id, StepModule<Id>>>;
  after?: Partial<Record<Id, ExtraModule[]>>;
}

export async function runSteps<Id extends string>(
  s: Session,
  steps: readonly StepModule<Id>[],
  titles: readonly string[],
  hooks: StepHooks<Id> = {},
): Promise<void> {
  for (const [i, step] of steps.entries()) {
    const module = hooks.replace?.[step.id] ?? step;
    const record = await s.begin(i + 1, titles[i] ?? step.id);
    s.finish(await module.run(s, record));
    if (s.stopped) return;
    for (const extra of hooks.after?.[step.id] ?? []) {
      await extra(s);
      if (s.stopped) return;
    }
  }
}
