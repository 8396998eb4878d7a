/**
 * The ordering exercise: put a list of steps in order. Content (steps, the
 * reason each comes where it does, the arrows of the sequence diagram) is
 * data from lessons/; this file parses it, shuffles it reproducibly, reads a
 * learner's answer and explains what is out of place.
 */
import type { Checker } from '../checker.js';
import type { Json } from '../json.js';
import { createRng, shuffle } from '../random.js';
import { TutorError } from '../errors.js';

export interface Actor {
  id: string;
  name: string;
}

export interface OrderingStep {
  id: string;
  text: string;
  /** Why the step comes where it does; shown when a learner misplaces it. */
  why: string;
  /** Who talks to whom in this step, for the sequence diagram. */
  arrow?: { from: string; to: string; note?: string };
}

export interface OrderingExercise {
  prompt: string;
  actors: Actor[];
  steps: OrderingStep[];
  /** Step ids in the correct order. */
  answer: string[];
}

export function parseOrdering(raw: Json, c: Checker): OrderingExercise | undefined {
  const root = c.object(raw, '');
  if (root === undefined) return undefined;
  const prompt = c.string(root, 'prompt', '');
  const actors: Actor[] = [];
  (c.array(root, 'actors', '', { optional: true }) ?? []).forEach((a, i) => {
    const field = `actors[${i}]`;
    const obj = c.object(a, field);
    if (obj === undefined) return;
    const id = c.string(obj, 'id', field);
    const name = c.string(obj, 'name', field);
    if (id !== undefined && name !== undefined) actors.push({ id, name });
  });
  c.unique(
    actors.map((a) => a.id),
    'actors',
  );
  const actorIds = new Set(actors.map((a) => a.id));

  const steps: OrderingStep[] = [];
  (c.array(root, 'steps', '', { nonEmpty: true }) ?? []).forEach((s, i) => {
    const field = `steps[${i}]`;
    const obj = c.object(s, field);
    if (obj === undefined) return;
    const id = c.string(obj, 'id', field);
    const text = c.string(obj, 'text', field);
    const why = c.string(obj, 'why', field);
    let arrow: OrderingStep['arrow'];
    if (obj['arrow'] !== undefined) {
      const a = c.object(obj['arrow'], `${field}.arrow`);
      if (a !== undefined) {
        const from = c.string(a, 'from', `${field}.arrow`);
        const to = c.string(a, 'to', `${field}.arrow`);
        const note = c.string(a, 'note', `${field}.arrow`, { optional: true });
        for (const [k, v] of [
          ['from', from],
          ['to', to],
        ] as const) {
          if (v !== undefined && !actorIds.has(v))
            c.report(`${field}.arrow.${k}`, `unknown actor id "${v}"`);
        }
        if (from !== undefined && to !== undefined)
          arrow = note === undefined ? { from, to } : { from, to, note };
      }
    }
    if (id !== undefined && text !== undefined && why !== undefined) {
      steps.push(arrow === undefined ? { id, text, why } : { id, text, why, arrow });
    }
  });
  c.unique(
    steps.map((s) => s.id),
    'steps',
  );
  if (steps.length > 26) c.report('steps', 'at most 26 steps (they are labelled A–Z)');

  const answer = c.strings(root, 'answer', '', { nonEmpty: true }) ?? [];
  const stepIds = new Set(steps.map((s) => s.id));
  answer.forEach((id, i) => {
    if (!stepIds.has(id)) c.report(`answer[${i}]`, `unknown step id "${id}"`);
  });
  const isPermutation =
    answer.length === steps.length &&
    new Set(answer).size === answer.length &&
    answer.every((id) => stepIds.has(id));
  if (answer.length > 0 && !isPermutation) {
    c.report('answer', 'must list every step id exactly once (a permutation of the steps)');
  }
  if (prompt === undefined || !isPermutation) return undefined;
  return { prompt, actors, steps, answer };
}

export interface LabelledStep {
  label: string;
  id: string;
  text: string;
}

const LABELS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The steps shuffled by `seed` and labelled A, B, C… The same seed always
 * gives the same list; a shuffle that happens to be already in order is
 * drawn again, since it would teach nothing.
 */
export function labelSteps(ex: OrderingExercise, seed: string | number): LabelledStep[] {
  const rng = createRng(seed);
  let order = shuffle(ex.steps, rng);
  for (
    let tries = 0;
    tries < 10 && ex.steps.length > 1 && order.every((s, i) => s.id === ex.answer[i]);
    tries++
  ) {
    order = shuffle(ex.steps, rng);
  }
  return order.map((s, i) => ({ label: LABELS.charAt(i), id: s.id, text: s.text }));
}

/**
 * Reads an answer typed in labels ("DBAGCEF", "d b a g c e f", "D,B,A,…").
 * Throws ERR_USAGE naming the problem: wrong length, unknown or repeated label.
 */
export function parseAnswer(input: string, labelled: readonly LabelledStep[]): string[] {
  const labels = labelled.map((s) => s.label);
  const given = input
    .toUpperCase()
    .replace(/[\s,;>\-]+/g, '')
    .split('');
  const valid = `labels ${labels[0]}–${labels[labels.length - 1]}`;
  const unknown = given.filter((l) => !labels.includes(l));
  if (unknown.length > 0) {
    throw new TutorError(
      'ERR_USAGE',
      `--answer has unknown label${unknown.length > 1 ? 's' : ''} ${[...new Set(unknown)].join(', ')}; use ${valid}.`,
      {
        hint: 'Give every label once, in order, e.g. --answer "DBAGCEF".',
      },
    );
  }
  const repeated = given.filter((l, i) => given.indexOf(l) !== i);
  if (repeated.length > 0) {
    throw new TutorError(
      'ERR_USAGE',
      `--answer repeats label${repeated.length > 1 ? 's' : ''} ${[...new Set(repeated)].join(', ')}; each label goes in once.`,
      {
        hint: `Give each of the ${labels.length} labels exactly once.`,
      },
    );
  }
  if (given.length !== labels.length) {
    const missing = labels.filter((l) => !given.includes(l));
    throw new TutorError(
      'ERR_USAGE',
      `--answer has ${given.length} label${given.length === 1 ? '' : 's'}, expected ${labels.length}; missing ${missing.join(', ')}.`,
      {
        hint: `Give each of the ${labels.length} labels exactly once, e.g. --answer "${labels.join('')}".`,
      },
    );
  }
  return given;
}

export interface StepFeedback {
  label: string;
  id: string;
  text: string;
  /** 1-based position in the learner's order. */
  position: number;
  /** 1-based position it belongs at. */
  expectedPosition: number;
  message: string;
}

export interface OrderResult {
  correct: boolean;
  inPlace: number;
  total: number;
  /** The learner's order in labels. */
  given: string[];
  /** The correct order in labels. */
  expected: string[];
  /** One entry per misplaced step, in the learner's order. */
  feedback: StepFeedback[];
}

export function gradeOrder(
  ex: OrderingExercise,
  labelled: readonly LabelledStep[],
  givenLabels: readonly string[],
): OrderResult {
  const byLabel = new Map(labelled.map((s) => [s.label, s]));
  const labelOf = new Map(labelled.map((s) => [s.id, s.label]));
  const stepById = new Map(ex.steps.map((s) => [s.id, s]));
  const expected = ex.answer.flatMap((id) => labelOf.get(id) ?? []);
  const feedback: StepFeedback[] = [];
  let inPlace = 0;
  givenLabels.forEach((label, i) => {
    const step = byLabel.get(label);
    if (step === undefined) return; // parseAnswer accepts only the labels shown
    const expectedPosition = ex.answer.indexOf(step.id) + 1;
    if (expectedPosition === i + 1) {
      inPlace++;
      return;
    }
    const why = stepById.get(step.id)?.why;
    feedback.push({
      label,
      id: step.id,
      text: step.text,
      position: i + 1,
      expectedPosition,
      message: `${label} "${step.text}" is ${ordinal(i + 1)} in your order but comes ${ordinal(expectedPosition)}: ${why}`,
    });
  });
  return {
    correct: inPlace === ex.steps.length,
    inPlace,
    total: ex.steps.length,
    given: [...givenLabels],
    expected,
    feedback,
  };
}

export function ordinal(n: number): string {
  const rem100 = n % 100;
  if (rem100 >= 11 && rem100 <= 13) return `${n}th`;
  const last = n % 10;
  return `${n}${last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th'}`;
}

/**
 * The steps in their right order. The parser checked that the answer lists
 * every step id once, so a missing one is broken content, reported as such.
 */
export function orderedSteps(ex: OrderingExercise): OrderingExercise['steps'] {
  return ex.answer.map((id) => {
    const step = ex.steps.find((s) => s.id === id);
    if (step === undefined)
      throw new TutorError('ERR_LESSON_INVALID', `The ordering exercise has no step "${id}".`, {
        hint: 'Run `oauth-tutor lessons lint` to see what is wrong with the lessons.',
      });
    return step;
  });
}
