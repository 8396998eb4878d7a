/** Renders decoded tokens and demo results for the terminal, header/payload/signature in jwt.io's colours. */
import { explainClaims, explainHeader, tokenWarnings, type ExplainedField } from '../jwt/claims.js';
import type { DecodedJwt } from '../jwt/decode.js';
import type { DemoResult } from '../jwt/demos/index.js';
import type { StepKind } from '../jwt/demos/demo.js';
import { c, out } from './output.js';

const PART_COLOR = {
  header: (s: string) => c.red(s),
  payload: (s: string) => c.magenta(s),
  signature: (s: string) => c.cyan(s),
};

export function colouredToken(token: string): string {
  const [h = '', p = '', ...rest] = token.split('.');
  const parts = [PART_COLOR.header(h), PART_COLOR.payload(p)];
  if (rest.length > 0) parts.push(PART_COLOR.signature(rest.join('.')));
  return parts.join(c.dim('.'));
}

export function printDecoded(d: DecodedJwt, now: Date, opts: { verified?: boolean } = {}): void {
  out(colouredToken(d.token));
  out();
  if (d.header !== undefined) {
    out(PART_COLOR.header(c.bold('Header')));
    printFields(explainHeader(d.header));
  }
  if (d.format === 'JWE') {
    out(c.magenta(c.bold('Payload')));
    out('  encrypted (JWE): unreadable without the key');
  } else if (d.payload !== undefined) {
    out(PART_COLOR.payload(c.bold('Payload')));
    printFields(explainClaims(d.payload, now));
  } else if (d.payloadText !== undefined) {
    out(PART_COLOR.payload(c.bold('Payload (not JSON)')));
    out(`  ${JSON.stringify(d.payloadText)}`);
  }
  if (d.signature !== undefined && d.format === 'JWS') {
    out(PART_COLOR.signature(c.bold('Signature')));
    out(`  ${d.signature === '' ? '(empty)' : d.signature}`);
  }
  for (const p of d.problems) out(`${c.red('✗')} ${c.bold(p.part)}: ${p.message}`);
  for (const w of tokenWarnings(d.header, d.payload, now)) out(`${c.yellow('!')} ${w.message}`);
  out();
  if (!opts.verified)
    out(
      c.bgYellow.black(' DECODED ONLY — signature NOT verified. ') +
        c.dim(' Anyone can write these claims; check them with `oauth-tutor jwt verify`.'),
    );
}

function printFields(fields: ExplainedField[]): void {
  const width = Math.max(0, ...fields.map((f) => f.name.length));
  for (const f of fields) {
    const value =
      typeof f.value === 'string' || typeof f.value === 'number'
        ? String(f.value)
        : JSON.stringify(f.value);
    out(`  ${c.bold(f.name.padEnd(width))}  ${value}${f.when ? c.dim(`  → ${f.when}`) : ''}`);
    out(`  ${' '.repeat(width)}  ${c.dim(f.meaning)}`);
  }
}

const STEP_MARK: Record<StepKind, () => string> = {
  ok: () => c.green('✓'),
  fail: () => c.red('✗'),
  warn: () => c.yellow('!'),
  text: () => ' ',
  code: () => c.dim('›'),
  token: () => c.dim('›'),
};

export function printDemo(d: DemoResult): void {
  out(c.bold(d.title));
  for (const s of d.steps) {
    const value =
      s.value === undefined
        ? ''
        : s.kind === 'token'
          ? colouredToken(s.value)
          : s.kind === 'code'
            ? c.cyan(s.value)
            : s.value;
    if (s.kind === 'code' || s.kind === 'token') {
      out(`${STEP_MARK[s.kind]()} ${s.label}`);
      if (value !== '') out(`    ${value}`);
    } else {
      out(`${STEP_MARK[s.kind]()} ${s.label}${value === '' ? '' : `: ${value}`}`);
    }
  }
}
