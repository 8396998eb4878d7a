/** The login + consent page and the error page (plain HTML, no scripts). Passwords of the demo users are shown: this is a teaching server. */
import { escapeHtml } from './http.js';
import { SCOPES, type Client, type User } from './model.js';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}.box{border:1px solid #ccc;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
.note{background:#fff8e1;border-color:#f0c36d}.err{background:#fdecea;border-color:#e57373}
label{display:block;margin:.5rem 0 .2rem}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.4rem;font:inherit}
button{font:inherit;padding:.5rem 1.2rem;margin:.8rem .5rem 0 0;border-radius:6px;border:1px solid #888;cursor:pointer}
button[value=approve]{background:#1565c0;color:#fff;border-color:#1565c0}code{background:#f3f3f3;padding:0 .25rem}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function consentPage(a: {
  client: Client;
  scope: string;
  rid: string;
  csrf: string;
  users: User[];
  error?: string;
  username?: string;
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
  return page(
    'Sign in — oauth-tutor MockProvider',
    `<h1>Sign in to MockProvider</h1>
<div class="box"><strong>${escapeHtml(a.client.client_name)}</strong> <span>(client <code>${escapeHtml(a.client.client_id)}</code>)</span> wants to:<ul id="scopes">${scopes}</ul></div>
${a.error ? `<div class="box err" role="alert">${escapeHtml(a.error)}</div>` : ''}
<form method="post" action="/authorize/decision">
<input type="hidden" name="rid" value="${escapeHtml(a.rid)}"><input type="hidden" name="csrf" value="${escapeHtml(a.csrf)}">
<label for="username">Username</label><input id="username" name="username" type="text" autocomplete="username" value="${escapeHtml(a.username ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit" name="action" value="approve">Approve</button><button type="submit" name="action" value="deny">Deny</button>
</form>
<div class="box note">This is a mock provider for learning. ${users === '' ? 'Sign in with the account your instructor gave you. ' : `Demo users:<ul>${users}</ul>`}The app never sees what you type here: only the provider does.</div>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(
    `${title} — oauth-tutor MockProvider`,
    `<h1>${escapeHtml(title)}</h1><div class="box err" role="alert">${escapeHtml(message)}</div><p>This error is shown here instead of being sent back to the app, because the request did not prove where it may be sent (RFC 6749 §4.1.2.1).</p>`,
  );
}
