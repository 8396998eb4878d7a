/**
 * Lesson markdown for the terminal: a list item written over several source lines is one
 * paragraph (CommonMark soft breaks), so the terminal wrapper can fill the line with it
 * instead of keeping the source file's line breaks (which broke mid-sentence at 60 columns).
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { renderMarkdown } from '../../src/cli/markdown.js';

describe('renderMarkdown', () => {
  it('joins the soft line breaks of a list item, and keeps the items apart', async () => {
    // Workers are shared between test files: put NO_COLOR back as it was.
    const before = process.env['NO_COLOR'];
    process.env['NO_COLOR'] = '1';
    onTestFinished(() => {
      if (before === undefined) delete process.env['NO_COLOR'];
      else process.env['NO_COLOR'] = before;
    });
    const out = await renderMarkdown(
      '* In step 2 the client is the\n  user, not the app.\n* Second **item**\n  goes on here.\n',
    );
    expect(out).toContain('In step 2 the client is the user, not the app.');
    expect(out).toContain('Second item goes on here.');
    expect(out.split('\n').filter((l) => l.trim() !== '')).toHaveLength(2);
  });
});
