/**
 * The build's copy of the shipped content (dist/lessons.json) spares `quiz --list` the YAML
 * parser, but is used only while a deck file still has the text the build checked: a copy of the
 * package whose deck was edited after the build lists the edited title, and a deck broken after
 * the build is listed as invalid, never with the stale title.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, root } from '../helpers/cli.js';

let copy: string;

function list(): { id: string; title: string; questions: number }[] {
  const r = spawnSync(
    process.execPath,
    [join(copy, 'bin/oauth-tutor.cjs'), 'quiz', '--list', '--json'],
    {
      env: baseEnv(),
      encoding: 'utf8',
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { decks: { id: string; title: string; questions: number }[] })
    .decks;
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'oauth-tutor-package-'));
  for (const dir of ['bin', 'dist', 'lessons'])
    cpSync(join(root, dir), join(copy, dir), { recursive: true });
  cpSync(join(root, 'package.json'), join(copy, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('quiz --list and the build copy of the decks', () => {
  it('lists what the deck files say while they are unchanged', () => {
    const decks = JSON.parse(readFileSync(join(root, 'dist/content/decks.json'), 'utf8')) as Record<
      string,
      { title: string }
    >;
    const rows = list();
    expect(rows.map((r) => r.id)).toEqual(Object.keys(decks).sort());
    expect(rows.find((r) => r.id === 'jwt')?.title).toBe(decks['jwt']?.title);
  });

  it('reads an edited deck afresh, and lists a broken one as invalid', () => {
    const file = join(copy, 'lessons/decks/jwt.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^title: .*$/m, 'title: JWT, edited after the build'));
    expect(list().find((r) => r.id === 'jwt')?.title).toBe('JWT, edited after the build');
    writeFileSync(file, text.replace(/^title: .*$/m, 'title: [unclosed'));
    expect(list().find((r) => r.id === 'jwt')).toEqual({
      id: 'jwt',
      title: '(invalid deck)',
      questions: 0,
    });
  });
});
