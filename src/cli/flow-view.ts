/**
 * Renders the live flow: each step with its place in the sequence diagram, its requests and
 * responses, and its tokens explained. What it is given is already redacted (src/oauth/redact.ts:
 * secrets and tokens shortened, one rule each, or whole with --show-secrets): nothing here shortens
 * a credential again.
 */
import type { Exchange } from '../oauth/exchange.js';
import { toCurl } from '../oauth/exchange.js';
import type { Extra, FlowTranscript, StepRecord } from '../oauth/flow.js';
import type { AttackOutcome } from '../oauth/attack-labs.js';
import type { CheckedToken } from '../oauth/token-checks.js';
import { explainClaims } from '../jwt/claims.js';
import { c, out } from './output.js';

export interface FlowViewOptions {
  curl: boolean;
  /** How many steps the grant has. */
  total?: number;
  diagram: (step: number) => string;
  /** Draws a QR code (loaded only for the device flow). */
  qr?: (text: string) => string[];
}

export function printStep(s: StepRecord, opts: FlowViewOptions): void {
  // The rest of a step whose first part was shown before the run waited (step 3's parameters before the browser).
  if (s.continued !== true) {
    out();
    out(c.bold.inverse(` Step ${s.number} of ${opts.total ?? 7} `) + ' ' + c.bold(s.title));
    const diagram = opts.diagram(s.number);
    if (diagram !== '') out(diagram);
  }
  if (s.userCode !== undefined) printUserCode(s.userCode, opts);
  for (const f of s.facts ?? [])
    out(
      `  ${c.bold(f.name.padEnd(22))} ${c.cyan(f.value)}\n  ${' '.repeat(22)} ${c.dim(f.meaning)}`,
    );
  for (const n of s.notes) out(`  ${n.startsWith('ATTACK') ? c.red('⚠') : c.green('•')} ${n}`);
  for (const e of s.exchanges) printExchange(e, opts.curl);
  for (const t of s.tokens) printToken(t);
}

/** The device flow's user code, large, with where to type it and a QR code of verification_uri_complete (RFC 8628 §3.3, §3.3.1). */
function printUserCode(u: NonNullable<StepRecord['userCode']>, opts: FlowViewOptions): void {
  const spaced = u.code.split('').join(' ');
  const bar = '─'.repeat(spaced.length + 6);
  out();
  out(`  On another device (a phone, a laptop), go to ${c.cyan(u.uri)} and type:`);
  out(`    ┌${bar}┐`);
  out(`    │   ${c.bold.inverse(` ${spaced} `)} │`);
  out(`    └${bar}┘`);
  if (u.complete !== undefined && opts.qr !== undefined) {
    out(`  or scan this QR code (it opens ${u.complete}):`);
    for (const line of opts.qr(u.complete)) out(`    ${line}`);
  }
}

export function printExtra(x: Extra, opts: FlowViewOptions): void {
  out();
  out(c.bold.inverse(' Extra ') + ' ' + c.bold(x.title));
  for (const n of x.notes) out(`  ${c.green('•')} ${n}`);
  for (const e of x.exchanges) printExchange(e, opts.curl);
}

function printExchange(e: Exchange, curl: boolean): void {
  if (e.note) out(`  ${c.dim(e.note)}`);
  out(`  ${c.cyan('→')} ${c.bold(e.request.method)} ${e.request.url}`);
  for (const [k, v] of Object.entries(e.request.headers)) out(`      ${c.dim(`${k}:`)} ${v}`);
  if (e.request.body !== undefined) out(`      ${c.dim('body:')} ${shorten(e.request.body, 300)}`);
  const status =
    e.response.status < 300
      ? c.green(String(e.response.status))
      : e.response.status < 400
        ? c.cyan(String(e.response.status))
        : c.red(String(e.response.status));
  out(`  ${c.magenta('←')} ${status}`);
  for (const [k, v] of Object.entries(e.response.headers)) out(`      ${c.dim(`${k}:`)} ${v}`);
  if (e.response.body !== '') out(`      ${pretty(e.response.body)}`);
  if (curl) out(`  ${c.dim('$')} ${c.dim(toCurl(e.request))}`);
}

const MAX_BODY_LINES = 16;

function pretty(body: string): string {
  try {
    // Secrets and tokens in it are already shortened (src/oauth/redact.ts), or whole with --show-secrets.
    const json = JSON.stringify(JSON.parse(body), null, 2).split('\n');
    const shown =
      json.length > MAX_BODY_LINES
        ? [
            ...json.slice(0, MAX_BODY_LINES - 1),
            `  … (${json.length - MAX_BODY_LINES + 1} more lines: see --json or --transcript)`,
          ]
        : json;
    return shown.join('\n      ');
  } catch {
    return shorten(body, 300);
  }
}

function shorten(s: string, max = 90): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function printToken(t: CheckedToken): void {
  out();
  out(
    `  ${c.bold(t.kind === 'id_token' ? 'ID token' : 'Access token')} ${t.verified ? c.green('(signature verified)') : c.yellow('(decoded only — NOT verified)')}`,
  );
  if (t.header === undefined) {
    for (const ch of t.checks) out(`    ${ch.detail}`);
    return;
  }
  out(`    ${c.red('header')}  ${JSON.stringify(t.header)}`);
  for (const f of explainClaims(t.payload ?? {}, new Date())) {
    const value =
      typeof f.value === 'string' || typeof f.value === 'number'
        ? String(f.value)
        : JSON.stringify(f.value);
    out(
      `    ${c.magenta(f.name.padEnd(10))} ${shorten(value, 60)}${f.when ? c.dim(`  → ${f.when}`) : ''}  ${c.dim(f.meaning)}`,
    );
  }
  out(`    ${c.cyan('signature')} ${t.signature ?? ''}`);
  for (const ch of t.checks)
    out(`    ${ch.ok ? c.green('✓') : c.red('✗')} ${ch.name}: ${ch.detail}`);
}

export function printAttack(a: AttackOutcome): void {
  out();
  out(c.bold.inverse(' Attack lab ') + ' ' + c.bold(a.title));
  out(
    `  ${a.blocked ? c.green('✓ Stopped') : c.red('✗ NOT stopped')} by the ${a.checkedBy}: ${a.check} (${a.rfc})`,
  );
  out(`  ${c.dim('Evidence:')} ${a.evidence}`);
  out(`  ${c.yellow('Without this check:')} ${a.withoutCheck}`);
  if (a.defences !== undefined) {
    out(`  ${c.bold('The defences, and what each one binds:')}`);
    for (const d of a.defences) out(`    ${c.green('•')} ${d}`);
  }
}

/** The session in the form of a markdown notebook the learner can keep. */
const GRANT_NAMES: Record<FlowTranscript['grant'], string> = {
  code: 'authorization-code flow',
  device: 'device authorization grant',
  'client-credentials': 'client credentials grant',
  refresh: 'refresh token grant',
};

export function transcriptMarkdown(t: FlowTranscript): string {
  const lines = [
    `# OAuth ${GRANT_NAMES[t.grant]} — transcript`,
    '',
    `Provider: ${t.issuer}  `,
    `Client: ${t.clientId ?? '(none)'}  `,
    `Recorded: ${new Date().toISOString()}`,
    '',
  ];
  const exchangeMd = (e: Exchange) => {
    lines.push(
      ...(e.note ? [`*${e.note}*`, ''] : []),
      '```http',
      `${e.request.method} ${e.request.url}`,
    );
    for (const [k, v] of Object.entries(e.request.headers)) lines.push(`${k}: ${v}`);
    if (e.request.body !== undefined) lines.push('', e.request.body);
    lines.push('', `HTTP ${e.response.status}`);
    for (const [k, v] of Object.entries(e.response.headers)) lines.push(`${k}: ${v}`);
    if (e.response.body !== '') lines.push('', e.response.body);
    lines.push('```', '', '```sh', toCurl(e.request), '```', '');
  };
  for (const s of t.steps) {
    lines.push(`## Step ${s.number}. ${s.title}`, '');
    if (s.userCode !== undefined)
      lines.push(
        `**User code: \`${s.userCode.code}\`** — to type at ${s.userCode.uri}${s.userCode.complete === undefined ? '' : ` (or open ${s.userCode.complete})`}`,
        '',
      );
    for (const f of s.facts ?? []) lines.push(`- \`${f.name}\` = \`${f.value}\` — ${f.meaning}`);
    if (s.facts?.length) lines.push('');
    for (const n of s.notes) lines.push(`- ${n}`);
    lines.push('');
    for (const e of s.exchanges) exchangeMd(e);
    for (const tok of s.tokens) {
      lines.push(
        `### ${tok.kind === 'id_token' ? 'ID token' : 'Access token'} (${tok.verified ? 'signature verified' : 'decoded only, not verified'})`,
        '',
        '```json',
        JSON.stringify({ header: tok.header, payload: tok.payload }, null, 2),
        '```',
        '',
      );
      for (const ch of tok.checks)
        lines.push(`- ${ch.ok ? '✓' : '✗'} **${ch.name}**: ${ch.detail}`);
      lines.push('');
    }
  }
  for (const x of t.extras) {
    lines.push(`## Extra: ${x.title}`, '', ...x.notes.map((n) => `- ${n}`), '');
    for (const e of x.exchanges) exchangeMd(e);
  }
  if (t.attack)
    lines.push(
      `## Attack lab: ${t.attack.title}`,
      '',
      `- ${t.attack.blocked ? 'Stopped' : 'NOT stopped'} by the ${t.attack.checkedBy}: ${t.attack.check} (${t.attack.rfc})`,
      `- Evidence: ${t.attack.evidence}`,
      `- Without this check: ${t.attack.withoutCheck}`,
      ...(t.attack.defences ?? []).map((d) => `- ${d}`),
      '',
    );
  return lines.join('\n');
}
