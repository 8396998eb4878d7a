import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { requireLessons, findLesson } from '../../src/tutor/lessons.js';
import { buildQuestion, VocabSession } from '../../src/tutor/vocabulary.js';
import { createRng } from '../../src/random.js';

const deck = findLesson(await requireLessons(), 'vocabulary').vocabulary!;

describe('vocabulary content', () => {
  it('covers the seven terms of the flow and the extras', () => {
    const terms = deck.cards.map((c) => c.term.toLowerCase());
    for (const t of [
      'client id',
      'client secret',
      'authorization endpoint',
      'token endpoint',
      'api endpoint',
      'authorization code',
      'access token',
      'state parameter',
      'scope',
      'refresh token',
      'redirect uri',
    ]) {
      expect(terms).toContain(t);
    }
    expect(terms.some((t) => t.includes('pkce'))).toBe(true);
    expect(deck.cards.filter((c) => c.core)).toHaveLength(7);
  });

  it.each([
    ['authorization-code', /bank|purchase/i],
    ['client-id', /account number/i],
    ['authorization-endpoint', /network endpoint authentication/i],
    ['authorization-code', /decodes/i],
    ['access-token', /operating system/i],
    ['client-secret', /user's password/i],
  ])('%s offers the misconception %s, explained', (id, pattern) => {
    const card = deck.cards.find((c) => c.id === id)!;
    const option = card.options.find((o) => pattern.test(o.text));
    expect(option?.correct).toBe(false);
    expect(option?.why).toBeTruthy();
  });
});

describe('buildQuestion', () => {
  it('always holds exactly one correct option, at most four, all distinct', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.constantFrom(...deck.cards),
        fc.constantFrom('term-to-definition' as const, 'definition-to-term' as const),
        (seed, card, dir) => {
          const q = buildQuestion(deck, card, dir, createRng(seed));
          expect(q.options.filter((o) => o.correct)).toHaveLength(1);
          expect(q.options.length).toBeLessThanOrEqual(4);
          expect(new Set(q.options.map((o) => o.text)).size).toBe(q.options.length);
          for (const o of q.options) if (!o.correct) expect(o.why).toBeTruthy();
        },
      ),
    );
  });
});

describe('VocabSession', () => {
  it('asks every card once when all answers are right, and scores them all', () => {
    const s = new VocabSession(deck, createRng(1));
    let asked = 0;
    for (let q = s.next(); q; q = s.next()) {
      s.answer(
        q,
        q.options.findIndex((o) => o.correct),
      );
      asked++;
    }
    expect(asked).toBe(deck.cards.length);
    expect(s.score).toEqual({ correct: deck.cards.length, total: deck.cards.length });
  });

  it('brings a missed card back later, and counts only the first answer', () => {
    const s = new VocabSession(deck, createRng(2));
    const first = s.next()!;
    const r = s.answer(
      first,
      first.options.findIndex((o) => !o.correct),
    );
    expect(r).toMatchObject({ correct: false, comesBack: true });
    expect(r.why).toBeTruthy();
    const seen: string[] = [];
    for (let q = s.next(); q; q = s.next()) {
      seen.push(q.cardId);
      s.answer(
        q,
        q.options.findIndex((o) => o.correct),
      );
    }
    expect(seen.indexOf(first.cardId)).toBeGreaterThan(0);
    expect(seen.filter((id) => id === first.cardId)).toHaveLength(1);
    expect(s.score).toEqual({ correct: deck.cards.length - 1, total: deck.cards.length });
  });

  it('always ends, whatever the learner picks', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.nat({ max: 3 }), { minLength: 200, maxLength: 200 }),
        (seed, picks) => {
          const s = new VocabSession(deck, createRng(seed));
          let n = 0;
          for (let q = s.next(); q; q = s.next())
            s.answer(q, picks[n++ % picks.length]! % q.options.length);
          expect(n).toBeLessThanOrEqual(deck.cards.length * 3);
        },
      ),
    );
  });
});
