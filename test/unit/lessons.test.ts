import { describe, expect, it } from 'vitest';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadLessons } from '../../src/tutor/lessons.js';
import { shippedLessonsDir } from '../../src/tutor/paths.js';
import { formatProblem } from '../../src/problems.js';
import { tempDir } from '../helpers/temp.js';

/** A copy of the shipped lessons with one file edited. */
async function broken(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await tempDir('lessons-');
  await cp(shippedLessonsDir, dir, { recursive: true });
  const path = join(dir, file);
  await writeFile(path, edit(await readFile(path, 'utf8')));
  return dir;
}

async function problemsOf(dir: string): Promise<string[]> {
  return (await loadLessons(dir)).problems.map(formatProblem);
}

describe('the shipped lessons', () => {
  it('validate with no problems', async () => {
    const { set, problems } = await loadLessons();
    expect(problems.map(formatProblem)).toEqual([]);
    expect(set.lessons.map((l) => l.id)).toEqual([
      'why-oauth',
      'seven-steps',
      'vocabulary',
      'review',
      'jwt',
      'bearer',
      'attack-labs',
      'oauth-vs-oidc',
      'clients-and-grants',
      'browser-tokens',
      'jwt-keys',
      'device-flow',
    ]);
    for (const l of set.lessons) expect(l.prose, l.id).toBeTruthy();
  });
});

describe('the lessons validator names file and field for', () => {
  it('a terminal-only marker left open in a prose file, with its line', async () => {
    const dir = await broken('seven-steps.md', (t) =>
      t.replace('<!-- end terminal only -->\n', ''),
    );
    expect(await problemsOf(dir)).toEqual([
      expect.stringMatching(/^seven-steps\.md:\d+: "<!-- terminal only -->" is never closed/),
    ]);
  });

  it('duplicate lesson ids', async () => {
    const dir = await broken('manifest.yaml', (t) =>
      t.replace('id: vocabulary', 'id: seven-steps'),
    );
    expect(await problemsOf(dir)).toContain('manifest.yaml: lessons: duplicate id "seven-steps"');
  });

  it('unknown lesson ids in requires', async () => {
    const dir = await broken('manifest.yaml', (t) =>
      t.replace('requires: [why-oauth]', 'requires: [why-oath]'),
    );
    expect(await problemsOf(dir)).toContain(
      'manifest.yaml: lessons[1] (seven-steps).requires[0]: unknown lesson id "why-oath"',
    );
  });

  it('unknown step ids in an ordering answer, which is then no permutation', async () => {
    const dir = await broken('seven-steps.yaml', (t) =>
      t.replace('answer: [register,', 'answer: [registr,'),
    );
    const problems = await problemsOf(dir);
    expect(problems).toContain('seven-steps.yaml: answer[0]: unknown step id "registr"');
    expect(problems).toContain(
      'seven-steps.yaml: answer: must list every step id exactly once (a permutation of the steps)',
    );
  });

  it('an ordering answer that repeats a step', async () => {
    const dir = await broken('seven-steps.yaml', (t) =>
      t.replace('receive-token, api-request]', 'receive-token, receive-token]'),
    );
    expect(await problemsOf(dir)).toContain(
      'seven-steps.yaml: answer: must list every step id exactly once (a permutation of the steps)',
    );
  });

  it('duplicate step ids', async () => {
    const dir = await broken('seven-steps.yaml', (t) => t.replace('- id: ask', '- id: register'));
    expect(await problemsOf(dir)).toContain('seven-steps.yaml: steps: duplicate id "register"');
  });

  it('missing files', async () => {
    const dir = await broken('manifest.yaml', (t) =>
      t.replace('prose: vocabulary.md', 'prose: vocab.md'),
    );
    expect(await problemsOf(dir)).toContain(
      'manifest.yaml: lessons[2] (vocabulary).prose: file "vocab.md" is missing',
    );
  });

  it('empty hints', async () => {
    const dir = await broken('manifest.yaml', (t) =>
      t.replace('- Think of a valet key that starts the car but cannot open the boot.', "- ''"),
    );
    expect(await problemsOf(dir)).toContain(
      'manifest.yaml: lessons[0] (why-oauth).hints[0]: must be non-empty text',
    );
  });

  it('a lesson with no hints at all', async () => {
    const dir = await broken('manifest.yaml', (t) =>
      t.replace(/hints:\n\s+- Think of a valet key[^\n]*\n/, 'hints: []\n'),
    );
    expect(await problemsOf(dir)).toContain(
      'manifest.yaml: lessons[0] (why-oauth).hints: must not be empty',
    );
  });

  it('a vocabulary card whose answer is not among its options', async () => {
    const dir = await broken('vocabulary.yaml', (t) =>
      t.replace(/(- id: client-id[\s\S]*?)correct: true\n/, '$1why: oops\n'),
    );
    expect(await problemsOf(dir)).toContain(
      'vocabulary.yaml: cards[0] (client-id).options: no option is marked "correct: true": the answer must be among the options',
    );
  });

  it('an unknown attack lab or demo in a workshop', async () => {
    const dir = await broken('attack-labs.yaml', (t) => t.replace('lab: state', 'lab: csrf'));
    expect(
      (await problemsOf(dir)).some((p) =>
        p.startsWith('attack-labs.yaml: sections[0].lab: unknown attack lab "csrf"'),
      ),
    ).toBe(true);
    const demo = await broken('jwt.yaml', (t) => t.replace('demo: hmac', 'demo: hmac-sha1'));
    expect(
      (await problemsOf(demo)).some((p) =>
        p.startsWith('jwt.yaml: sections[1].demo: unknown demo id "hmac-sha1"'),
      ),
    ).toBe(true);
  });

  it('an unknown kind and broken YAML with its line', async () => {
    const kind = await broken('manifest.yaml', (t) => t.replace('kind: reading', 'kind: video'));
    expect(await problemsOf(kind)).toContain(
      'manifest.yaml: lessons[0] (why-oauth).kind: "video" is not one of: reading, ordering, vocabulary, review, workshop',
    );
    const yaml = await broken('seven-steps.yaml', (t) => t.replace('prompt: Put', 'prompt: [Put'));
    expect(
      (await problemsOf(yaml)).some((p) => /^seven-steps\.yaml:\d+: not valid YAML/.test(p)),
    ).toBe(true);
  });
});

describe('the compiled lessons (dist/content/lessons/)', () => {
  it('hold exactly what the YAML files say: their source and its parsed value', async () => {
    const { readFile: read, readdir } = await import('node:fs/promises');
    const { parseDocument } = await import('yaml');
    const { compiledFile } = await import('../../src/tutor/compiled.js');
    const names = (await readdir(shippedLessonsDir)).filter((f) => f.endsWith('.yaml'));
    expect(names).toContain('seven-steps.yaml');
    for (const file of names) {
      const entry = await compiledFile(file);
      expect(entry?.source, file).toBe(await read(join(shippedLessonsDir, file), 'utf8'));
      expect(entry?.value, file).toEqual(parseDocument(entry?.source ?? '').toJS());
    }
    expect(await compiledFile('../package.json')).toBeUndefined();
  });
});

describe('the checks of understanding in the shipped lessons (shuffledQuiz)', () => {
  it('do not keep the right answer at one index, for any of several seeds', async () => {
    const { shuffledQuiz } = await import('../../src/tutor/workshop.js');
    const { set } = await loadLessons();
    const quizzes = set.lessons
      .filter((l) => l.workshop !== undefined)
      .map((l) => l.workshop!.quiz);
    expect(quizzes.length).toBeGreaterThan(0);
    for (const seed of ['1', '2', '42', 'ada']) {
      const positions = quizzes.flatMap((quiz) =>
        shuffledQuiz(quiz, seed).map((q) => q.options.findIndex((o) => o.correct)),
      );
      expect(new Set(positions).size, `seed ${seed}: ${positions.join(',')}`).toBeGreaterThan(1);
    }
  });

  it('give the same order for the same seed, and lose or invent no option', async () => {
    const { shuffledQuiz } = await import('../../src/tutor/workshop.js');
    const { set } = await loadLessons();
    for (const l of set.lessons.filter((x) => x.workshop !== undefined)) {
      const quiz = l.workshop!.quiz;
      expect(shuffledQuiz(quiz, 'k')).toEqual(shuffledQuiz(quiz, 'k'));
      shuffledQuiz(quiz, 'k').forEach((q, i) =>
        expect([...q.options].sort((a, b) => a.text.localeCompare(b.text))).toEqual(
          [...quiz[i]!.options].sort((a, b) => a.text.localeCompare(b.text)),
        ),
      );
    }
  });
});
