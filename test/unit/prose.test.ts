import { describe, expect, it } from 'vitest';
import { splitProse } from '../../src/tutor/prose.js';
import { loadLessons } from '../../src/tutor/lessons.js';

describe('splitProse: parts for the terminal lesson only', () => {
  it('shows them in the terminal without the markers, and leaves them out of the handout', () => {
    const text = [
      '# Title',
      '',
      'Shared.',
      '',
      '<!-- terminal only -->',
      'Type the letter.',
      '<!-- end terminal only -->',
      '',
      'Tip.',
      '',
    ].join('\n');
    expect(splitProse(text)).toEqual({
      terminal: '# Title\n\nShared.\n\nType the letter.\n\nTip.\n',
      print: '# Title\n\nShared.\n\nTip.\n',
    });
  });

  it('names the line of a marker that is unclosed, stray, nested or not alone on its line', () => {
    expect(splitProse('a\n<!-- terminal only -->\nb\n')).toEqual({
      problem: expect.stringMatching(/is never closed/),
      line: 2,
    });
    expect(splitProse('a\n\n<!-- end terminal only -->\n')).toEqual({
      problem: expect.stringMatching(/without "<!-- terminal only -->" before it/),
      line: 3,
    });
    expect(splitProse('<!-- terminal only -->\n<!-- terminal only -->\n')).toEqual({
      problem: expect.stringMatching(/again before .*opened on line 1/),
      line: 2,
    });
    expect(splitProse('Text <!-- terminal only -->\n')).toEqual({
      problem: expect.stringMatching(/alone on its line/),
      line: 1,
    });
  });

  it('leaves prose without markers as it is', () => {
    expect(splitProse('One.\n\nTwo.\n')).toEqual({
      terminal: 'One.\n\nTwo.\n',
      print: 'One.\n\nTwo.\n',
    });
  });
});

describe('the shipped lessons in print', () => {
  it('say no step’s place and give no typing instructions; the vocabulary handout has no answer table', async () => {
    const { set } = await loadLessons();
    const byId = new Map(set.lessons.map((l) => [l.id, l]));
    const steps = byId.get('seven-steps');
    expect(steps?.prose).toMatch(/`Backspace` takes back/);
    expect(steps?.printProse).not.toMatch(/Backspace|type the letter/);
    // Where a step stands is the exercise's answer: no lesson names a step by its number.
    for (const l of set.lessons) expect(l.prose ?? '', l.id).not.toMatch(/\bsteps? [1-7]\b/i);
    const vocabulary = byId.get('vocabulary');
    expect(vocabulary?.prose).toMatch(/\| Client ID \|/);
    expect(vocabulary?.printProse).not.toMatch(/\| Client ID \||Each card/);
    expect(vocabulary?.printProse).toMatch(
      /"Authentication endpoint" or "authorization endpoint"\?/,
    );
  });
});
