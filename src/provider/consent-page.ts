/** The login + consent page and the error page (plain HTML, no scripts). Passwords of the demo users are shown: this is a teaching server. */
import { escapeHtml } from './http.js';
import { SCOPES, type Client, type User } from './model.js';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}.box{border:1px solid #ccc;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
.note{background:#fff8e1;border-color:#f0c36d}.err{background:#fdecea;border-color:#e57373}
label{display:block;margin:.5rem 0 .2rem}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.4rem;font:inherit}
button{font:inherit;padding:.5rem 1.2rem;margin:.8rem .5rem 0 0;border-radius:6px;border:1px solid #888;cursor:pointer}
button[value=approve]{background:#1565c0;color:#fff;border-color:#1565c0}button[value=deny]{background:#455a64;color:#fff;border-color:#455a64}code{background:#f3f3f3;padding:0 .25rem}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function consentPage(a: {
  client: Client;
  scope: string;
  rid: string;
  csrf: string;
  users: readonly User[];
  error?: string;
  username?: string;
  /** Hours a sign-in is remembered; undefined when the provider keeps no sessions (--no-sessions). */
  sessionHours?: number | undefined;
  /** The user already signed in: the page asks for consent only, no password. */
  signedIn?: User | undefined;
  /** Why a signed-in user sees the page (new permissions, prompt=consent…). */
  reason?: string | undefined;
}): string {
  const scopes = a.scope
    .split(' ')
    .filter(Boolean)
    .map((s) => `<li><code>${escapeHtml(s)}</code> — ${escapeHtml(SCOPES[s] ?? s)}</li>`)
    .join('');
  const users = a.users
    .map(
      (u) =>
        `<li><code>${escapeHtml(u.username)}</code> / <code>${escapeHtml(u.password)}</code></li>`,
    )
    .join('');
  const hidden = `<input type="hidden" name="rid" value="${escapeHtml(a.rid)}"><input type="hidden" name="csrf" value="${escapeHtml(a.csrf)}">`;
  const buttons = `<button type="submit" name="action" value="approve">Approve</button><button type="submit" name="action" value="deny">Deny</button>`;
  const error = a.error ? `<div class="box err" role="alert">${escapeHtml(a.error)}</div>` : '';
  const wants = `<div class="box"><strong>${escapeHtml(a.client.client_name)}</strong> <span>(client <code>${escapeHtml(a.client.client_id)}</code>)</span> wants to:<ul id="scopes">${scopes}</ul></div>`;
  if (a.signedIn !== undefined) {
    const who = a.signedIn;
    return page(
      'Approve — oauth-tutor MockProvider',
      `<h1>Approve access</h1>
<div class="box" id="account">Signed in to MockProvider as <strong>${escapeHtml(who.username)}</strong> (${escapeHtml(who.name)}).</div>
${wants}
${a.reason ? `<p id="reason">${escapeHtml(a.reason)}</p>` : ''}${error}
<form method="post" action="/authorize/decision">
${hidden}
${buttons}<button type="submit" name="action" value="switch">Not ${escapeHtml(who.username)}? Sign in as someone else</button>
</form>
<div class="box note">This is a mock provider for learning. You signed in earlier in this browser, so no password is asked: the provider remembers you with a session cookie that page scripts cannot read (HttpOnly). ${a.client.token_endpoint_auth_method === 'none' ? 'This app has no secret to prove who it is, so you approve each of its requests here (RFC 8252 §8.6).' : 'Approving is remembered too, so next time this app gets its answer without this page (OIDC Core §3.1.2.4).'}</div>`,
    );
  }
  const remembered =
    a.sessionHours === undefined
      ? 'This provider was started with --no-sessions: every sign-in is typed. '
      : a.client.token_endpoint_auth_method === 'none'
        ? `Signing in keeps you signed in here for up to ${a.sessionHours} hours (a session cookie). This app has no secret to prove who it is, so you still approve each of its requests here, with one click (RFC 8252 §8.6). `
        : `Signing in keeps you signed in here for up to ${a.sessionHours} hours (a session cookie), and what you approve is remembered: an app you approved gets its answer at once next time, unless it asks otherwise (prompt, max_age: OIDC Core §3.1.2.1). `;
  return page(
    'Sign in — oauth-tutor MockProvider',
    `<h1>Sign in to MockProvider</h1>
${wants}
${error}
<form method="post" action="/authorize/decision">
${hidden}
<label for="username">Username</label><input id="username" name="username" type="text" autocomplete="username" value="${escapeHtml(a.username ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
${buttons}
</form>
<div class="box note">This is a mock provider for learning. ${users === '' ? 'Sign in with the account your instructor gave you. ' : `Demo users:<ul>${users}</ul>`}The app never sees what you type here: only the provider does. ${remembered}</div>`,
  );
}

/** The consent page around its two per-request values, as UTF-8 bytes. */
interface Template {
  users: readonly User[];
  sessionHours: number | undefined;
  name: string;
  before: Buffer;
  between: Buffer;
  after: Buffer;
}

/** Different scope strings one client's templates are kept for; past that, its templates start over. */
const MAX_TEMPLATES_PER_CLIENT = 32;
const templates = new WeakMap<Client, Map<string, Template>>();
// Control characters never appear in what the page shows (escapeHtml leaves them, nothing else makes them).
const RID_MARK = '\u0001rid\u0001';
const CSRF_MARK = '\u0001csrf\u0001';

/**
 * The consent page as a form is first shown (no error, no username typed), as bytes: the same page as
 * consentPage, but everything except rid and csrf is made and UTF-8-encoded once per client, scope and user
 * list. Every sign-in shows this page, and building ~2 KB of text around two random values, then encoding it
 * (the em dashes make it a two-byte string), was a good part of what /authorize cost.
 */
export function consentPageBytes(a: {
  client: Client;
  scope: string;
  rid: string;
  csrf: string;
  users: readonly User[];
  sessionHours?: number | undefined;
}): Buffer {
  let byScope = templates.get(a.client);
  if (byScope === undefined) templates.set(a.client, (byScope = new Map()));
  let t = byScope.get(a.scope);
  if (
    t === undefined ||
    t.users !== a.users ||
    t.name !== a.client.client_name ||
    t.sessionHours !== a.sessionHours
  ) {
    const text = consentPage({ ...a, rid: RID_MARK, csrf: CSRF_MARK });
    const rid = text.indexOf(RID_MARK);
    const csrf = text.indexOf(CSRF_MARK);
    t = {
      users: a.users,
      sessionHours: a.sessionHours,
      name: a.client.client_name,
      before: Buffer.from(text.slice(0, rid)),
      between: Buffer.from(text.slice(rid + RID_MARK.length, csrf)),
      after: Buffer.from(text.slice(csrf + CSRF_MARK.length)),
    };
    if (byScope.size >= MAX_TEMPLATES_PER_CLIENT) byScope.clear();
    byScope.set(a.scope, t);
  }
  return Buffer.concat([
    t.before,
    Buffer.from(escapeHtml(a.rid)),
    t.between,
    Buffer.from(escapeHtml(a.csrf)),
    t.after,
  ]);
}

/** An error page; `notSentBack` adds why the error is shown here rather than redirected to the app. */
export function errorPage(title: string, message: string, notSentBack = false): string {
  return page(
    `${title} — oauth-tutor MockProvider`,
    `<h1>${escapeHtml(title)}</h1><div class="box err" role="alert">${escapeHtml(message)}</div>${notSentBack ? '<p>This error is shown here instead of being sent back to the app, because the request did not prove where it may be sent (RFC 6749 §4.1.2.1).</p>' : ''}`,
  );
}
