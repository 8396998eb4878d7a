/**
 * error-lines.ts: commander's usage messages turned into the program's sentences, and the two
 * lines every error is printed in.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { errorText, usageHint, usageSentence } from '../../src/cli/error-lines.js';

describe('usageSentence', () => {
  it.each([
    ["error: unknown option '--bogus'\n", "Unknown option '--bogus'."],
    [
      "error: unknown option '--jsn'\n(Did you mean --json?)\n",
      "Unknown option '--jsn'. Did you mean --json?",
    ],
    [
      "error: option '--count <n>' argument 'x' is invalid. Give a whole number of questions, 1 or more.\n",
      "Option '--count <n>' argument 'x' is invalid. Give a whole number of questions, 1 or more.",
    ],
    ["error: missing required argument 'deck'", "Missing required argument 'deck'."],
  ])('%j', (message, sentence) => {
    expect(usageSentence(message)).toBe(sentence);
  });

  it('is one line that ends a sentence, whatever commander says', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
        (s) => {
          const sentence = usageSentence(`error: ${s}\n`);
          expect(sentence).not.toMatch(/\n/);
          expect(sentence).toMatch(/[.?!]$/);
        },
      ),
    );
  });
});

describe('errorText', () => {
  it('two lines: what went wrong, then, indented, what to do next', () => {
    expect(errorText('Unknown option.', usageHint('oauth-tutor check'))).toBe(
      'error: Unknown option.\n  Run `oauth-tutor check --help` for its usage and examples.\n',
    );
    expect(errorText('Broken.', undefined, (s) => `<${s}>`)).toBe('<error:> Broken.\n');
  });
});
