import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gradeOrder, labelSteps, ordinal, parseAnswer } from '../../src/tutor/ordering.js';
import { requireLessons, findLesson } from '../../src/tutor/lessons.js';
import { TutorError } from '../../src/errors.js';
import { CANONICAL_STEPS } from '../helpers/steps.js';

const set = await requireLessons();
const ex = findLesson(set, 'seven-steps').ordering!;

const CANONICAL = [...CANONICAL_STEPS];

function correctLabels(seed: number): string {
  const labelled = labelSteps(ex, seed);
  return ex.answer.map((id) => labelled.find((s) => s.id === id)!.label).join('');
}

describe('the seven steps content', () => {
  it('has the seven steps in the wording learners see in class, in the right order', () => {
    expect(ex.answer.map((id) => ex.steps.find((s) => s.id === id)!.text)).toEqual(CANONICAL);
  });
});

describe('labelSteps', () => {
  it('gives the same shuffle for the same seed and labels A–G', () => {
    expect(labelSteps(ex, 42)).toEqual(labelSteps(ex, '42'));
    expect(
      labelSteps(ex, 42)
        .map((s) => s.label)
        .join(''),
    ).toBe('ABCDEFG');
  });

  it('is a permutation of the steps and never already in order', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.string()), (seed) => {
        const labelled = labelSteps(ex, seed);
        expect(new Set(labelled.map((s) => s.id))).toEqual(new Set(ex.answer));
        expect(labelled.map((s) => s.id)).not.toEqual(ex.answer);
      }),
    );
  });

  it('varies with the seed', () => {
    const shuffles = new Set(
      Array.from({ length: 20 }, (_, i) =>
        labelSteps(ex, i)
          .map((s) => s.id)
          .join(),
      ),
    );
    expect(shuffles.size).toBeGreaterThan(15);
  });
});

describe('parseAnswer', () => {
  const labelled = labelSteps(ex, 1);

  it('accepts any permutation with spaces, commas and lower case', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...'ABCDEFG'], { minLength: 7, maxLength: 7 }),
        fc.constantFrom('', ' ', ',', ', ', ' > '),
        fc.boolean(),
        (perm, sep, lower) => {
          const text = perm.join(sep);
          expect(parseAnswer(lower ? text.toLowerCase() : text, labelled)).toEqual(perm);
        },
      ),
    );
  });

  it.each([
    ['ABCDEF', /6 labels, expected 7; missing G/],
    ['ABCDEFGA', /repeats label A/],
    ['ABCDEFZ', /unknown label Z/],
    ['', /0 labels/],
  ])('rejects %j with a message naming the problem', (input, message) => {
    try {
      parseAnswer(input, labelled);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TutorError);
      expect((error as TutorError).code).toBe('ERR_USAGE');
      expect((error as TutorError).message).toMatch(message);
    }
  });

  it('never throws anything but a usage error on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        try {
          const out = parseAnswer(input, labelled);
          expect(out).toHaveLength(7);
        } catch (error) {
          expect((error as TutorError).code).toBe('ERR_USAGE');
        }
      }),
    );
  });
});

describe('gradeOrder', () => {
  it('counts a correct order as correct with no feedback', () => {
    const labelled = labelSteps(ex, 3);
    const result = gradeOrder(ex, labelled, [...correctLabels(3)]);
    expect(result).toMatchObject({ correct: true, inPlace: 7, total: 7, feedback: [] });
  });

  it('explains why the token request must follow the code when the two are swapped', () => {
    const labelled = labelSteps(ex, 3);
    const right = [...correctLabels(3)];
    [right[3], right[4]] = [right[4]!, right[3]!];
    const result = gradeOrder(ex, labelled, right);
    expect(result.correct).toBe(false);
    expect(result.inPlace).toBe(5);
    expect(result.feedback.map((f) => f.id)).toEqual(['token-request', 'receive-code']);
    expect(result.feedback[0]).toMatchObject({ position: 4, expectedPosition: 5 });
    expect(result.feedback[0]!.message).toMatch(
      /can't request an access token before you hold an authorization code/,
    );
  });

  it('gives feedback for exactly the misplaced steps of any order', () => {
    const labelled = labelSteps(ex, 9);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(
          labelled.map((s) => s.label),
          { minLength: 7, maxLength: 7 },
        ),
        (given) => {
          const result = gradeOrder(ex, labelled, given);
          expect(result.inPlace + result.feedback.length).toBe(7);
          expect(result.correct).toBe(given.join('') === correctLabels(9));
        },
      ),
    );
  });
});

it('ordinal', () => {
  expect([1, 2, 3, 4, 11, 12, 13, 21, 22].map(ordinal)).toEqual([
    '1st',
    '2nd',
    '3rd',
    '4th',
    '11th',
    '12th',
    '13th',
    '21st',
    '22nd',
  ]);
});
