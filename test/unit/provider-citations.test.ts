/**
 * Issue 11 (provider part): the provider's comments and messages cite the section that makes a check
 * true. RFC 6749 §10.10 is "Credentials-Guessing Attacks" (randomness), never the code lifetime, which
 * is §4.1.2 ("A maximum authorization code lifetime of 10 minutes is RECOMMENDED") and §10.5.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../src/provider', import.meta.url));
const lines = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .flatMap((f) =>
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .map((text, i) => ({ where: `${f}:${i + 1}`, text })),
  );

describe('citations in src/provider', () => {
  it('RFC 6749 §10.10 is cited only for guessing (randomness), never for lifetimes', () => {
    const cites = lines.filter((l) => l.text.includes('§10.10'));
    expect(cites.length).toBeGreaterThan(0);
    for (const l of cites) {
      expect(l.text, l.where).toMatch(/random|guess|bits/i);
      expect(l.text, l.where).not.toMatch(/lifetime|short-lived|\blive\b|TTL/i);
    }
  });

  it('the code lifetime cites RFC 6749 §4.1.2', () => {
    const ttl = lines.findIndex((l) => /^\s*codeTtl: number;/.test(l.text));
    expect(ttl).toBeGreaterThan(0);
    expect(
      lines
        .slice(ttl - 5, ttl)
        .map((l) => l.text)
        .join('\n'),
    ).toContain('RFC 6749 §4.1.2');
  });
});
