/**
 * `oauth-tutor flow`: a grant played live over HTTP on this machine (by default the seven steps of the
 * authorization-code flow), every request and token explained. This command starts the built-in provider and
 * hands it to the flow (src/oauth never imports the provider).
 */
import {
  FlowError,
  runFlow,
  stepTitles,
  type FlowIO,
  type FlowOptions,
  type FlowTranscript,
  type GrantName,
} from '../../oauth/flow.js';
import { fastForward, STEP_MODE_CODE_TTL, withBuiltInProvider } from '../flow-provider.js';
import { DEMO_USERS } from '../../provider/model.js';
import { flowLesson, flowStepTitles } from '../../tutor/step-titles.js';
import type { Lesson } from '../../tutor/lessons.js';
import { EXIT, ExitError, TutorError, usage } from '../../errors.js';
import { isDeprecatedAlg } from '../../protocol/fully-specified.js';
import { printJson } from '../print-json.js';
import { confirm, isInteractive, pressEnter, requireInteractive } from '../prompts.js';
import { lazySpinner } from '../spinner.js';
import type { FlowCliOptions } from '../program.js';

function grantOf(o: FlowCliOptions): GrantName {
  const grant = o.grant;
  if (grant !== 'code') {
    if (o.attack !== undefined)
      throw usage(`--attack labs run on the authorization-code grant; drop --grant ${grant}.`);
    if (
      o.issuer !== undefined ||
      o.authorizeUrl !== undefined ||
      o.tokenUrl !== undefined ||
      o.clientId !== undefined
    )
      throw usage(
        `--grant ${grant} runs against the built-in provider only.`,
        'Drop --issuer and the other provider flags.',
      );
  }
  return grant;
}

function validate(o: FlowCliOptions): FlowOptions['external'] {
  const external =
    o.issuer !== undefined ||
    o.authorizeUrl !== undefined ||
    o.tokenUrl !== undefined ||
    o.clientId !== undefined;
  if (!external) {
    for (const [flag, v] of [
      ['--redirect-port', o.redirectPort],
      ['--redirect-path', o.redirectPath],
      ['--redirect-uri', o.redirectUri],
    ] as const) {
      if (v !== undefined)
        throw usage(
          `${flag} is for a provider you registered an app with (--issuer); the built-in provider registers this client itself.`,
        );
    }
    if (o.apiUrl !== undefined)
      throw usage(
        '--api-url is for a provider you registered an app with (--issuer); with the built-in provider, step 7 calls its /api/notes.',
      );
    if (o.user !== undefined && !DEMO_USERS.some((u) => u.username === o.user))
      throw usage(
        `--user ${o.user}: the built-in provider knows ${DEMO_USERS.map((u) => u.username).join(' and ')}.`,
      );
    return undefined;
  }
  if (o.attack !== undefined)
    throw usage(
      '--attack labs run against the built-in provider only.',
      'Drop --issuer and the other provider flags.',
    );
  if (o.clientId === undefined)
    throw usage(
      'A real provider needs --client-id (the app you registered there).',
      'e.g. oauth-tutor flow --issuer https://accounts.example.com --client-id my-app --client-secret …',
    );
  if (o.issuer === undefined && (o.authorizeUrl === undefined || o.tokenUrl === undefined))
    throw usage('Give --issuer (with OpenID discovery), or both --authorize-url and --token-url.');
  if (o.issuer === undefined && o.apiUrl === undefined)
    throw usage(
      'Without --issuer there is no discovery document to name the API: give --api-url too.',
      'e.g. --api-url https://api.example.com/userinfo',
    );
  for (const [flag, v] of [
    ['--issuer', o.issuer],
    ['--authorize-url', o.authorizeUrl],
    ['--token-url', o.tokenUrl],
    ['--api-url', o.apiUrl],
  ] as const) {
    if (v !== undefined && !/^https?:\/\/[^/]/.test(v))
      throw usage(`${flag} ${v} is not an http(s) URL.`);
  }
  const { port, path } = redirectTarget(o);
  return {
    clientId: o.clientId,
    ...(o.clientSecret === undefined ? {} : { clientSecret: o.clientSecret }),
    ...(o.issuer === undefined ? {} : { issuer: o.issuer }),
    ...(o.authorizeUrl === undefined ? {} : { authorizeUrl: o.authorizeUrl }),
    ...(o.tokenUrl === undefined ? {} : { tokenUrl: o.tokenUrl }),
    ...(o.apiUrl === undefined ? {} : { apiUrl: o.apiUrl }),
    ...(port === undefined ? {} : { redirectPort: port }),
    ...(path === undefined ? {} : { redirectPath: path }),
  };
}

/**
 * The loopback redirect URI's port and path, from --redirect-port / --redirect-path or a whole --redirect-uri.
 * Loopback only: this client listens on 127.0.0.1 itself (RFC 8252 §7.3); an https:// redirect URI belongs to a
 * web server this tool is not.
 */
function redirectTarget(o: FlowCliOptions): { port?: number; path?: string } {
  let port: number | undefined;
  let path: string | undefined;
  if (o.redirectUri !== undefined) {
    if (o.redirectPort !== undefined || o.redirectPath !== undefined)
      throw usage('Give --redirect-uri, or --redirect-port and --redirect-path, not both.');
    let u: URL;
    try {
      u = new URL(o.redirectUri);
    } catch {
      throw usage(
        `--redirect-uri ${o.redirectUri} is not a URL.`,
        'e.g. --redirect-uri http://127.0.0.1:5173/cb',
      );
    }
    if (u.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
      throw usage(
        `--redirect-uri ${o.redirectUri} is not a loopback URI: this client can only receive the redirect on http://127.0.0.1 (RFC 8252 §7.3).`,
        'Register a loopback redirect URI such as http://127.0.0.1:5173/cb at the provider.',
      );
    }
    if (u.hostname !== '127.0.0.1')
      throw usage(
        `--redirect-uri ${o.redirectUri}: this client listens on 127.0.0.1; register http://127.0.0.1${u.port === '' ? '' : `:${u.port}`}${u.pathname} instead (RFC 8252 §8.3 prefers the IP literal to "localhost").`,
      );
    if (u.port === '')
      throw usage(
        `--redirect-uri ${o.redirectUri} has no port.`,
        'Give the port you registered, e.g. http://127.0.0.1:5173/cb',
      );
    if (u.search !== '' || u.hash !== '' || u.username !== '' || u.password !== '')
      throw usage(
        `--redirect-uri ${o.redirectUri} must be just http://127.0.0.1:<port>/<path>, without query, fragment or user info.`,
      );
    port = Number(u.port);
    path = u.pathname;
  } else {
    port = o.redirectPort;
    if (o.redirectPath !== undefined) {
      path = o.redirectPath.startsWith('/') ? o.redirectPath : `/${o.redirectPath}`;
      if (!/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/.test(path))
        throw usage(
          `--redirect-path ${o.redirectPath} is not a URL path.`,
          'e.g. --redirect-path /cb',
        );
    }
  }
  return { ...(port === undefined ? {} : { port }), ...(path === undefined ? {} : { path }) };
}

export async function flowCommand(o: FlowCliOptions): Promise<void> {
  const grant = grantOf(o);
  const external = validate(o);
  // The client credentials grant has no user to ask; the device flow shows a code and polls, asking nothing.
  const asks = grant === 'code' || grant === 'refresh';
  if (asks && !o.auto && !o.yes)
    requireInteractive(
      'The live flow asks you questions and waits for your browser, so it',
      'Use --auto to let the client play the user, or --yes --no-browser to answer "yes" and open the URL yourself.',
    );
  if (o.step) requireInteractive('--step', 'Drop --step when running without a terminal.');
  const quiet = o.json === true;
  // What shows the run to a reader (chalk, the step printer, the sequence diagram, the lesson it is
  // drawn from) is loaded only when the run is shown: with --json it prints the transcript's JSON and
  // nothing else, and needs of the lesson only its step titles (tutor/step-titles.ts).
  const lesson = quiet ? undefined : await flowLesson();
  const titles = lesson === undefined ? await flowStepTitles() : lesson.steps.map((s) => s.text);
  const total = stepTitles(grant, titles).length;
  const shown =
    lesson === undefined ? undefined : await showRun(grant, lesson.lesson, o.curl ?? false, total);
  if (o.showSecrets)
    (await import('../output.js')).warn(
      '--show-secrets: tokens, codes, the client secret and the PKCE verifier are shown and recorded whole. Anyone who reads this output or the transcript can use them until they expire; delete it when you are done.',
    );
  const io: FlowIO = {
    step: (s) => shown?.view.printStep(s, shown.options),
    extra: (x) => shown?.view.printExtra(x, shown.options),
    askSignIn: async () => (o.yes ? true : confirm('Sign in with MockProvider?', true)),
    // Offered after a successful interactive run, on the same tokens.
    ...(o.json || !isInteractive()
      ? {}
      : {
          offerExtras: () =>
            confirm(
              'Try the extras: refresh the token, revoke it, and call the API with it?',
              true,
            ),
        }),
    openBrowser: async (url) => {
      const { c, err } = await import('../output.js');
      err(
        `\n${c.bold('Open this URL to sign in')}${external === undefined ? ` (demo users: ${DEMO_USERS.map((u) => `${u.username} / ${u.password}`).join(', ')})` : ''}:\n${url}\n`,
      );
      if (o.browser) {
        const { default: open } = await import('open');
        await open(url).catch(() =>
          err(c.dim('(could not open a browser: open the URL yourself)')),
        );
      }
    },
    waiting: (message) => {
      if (!process.stderr.isTTY) {
        // Written before the flow's next request goes out: the import settles first.
        void import('../output.js').then(({ c, err }) => err(c.dim(`${message}…`)));
        return { stop: () => undefined };
      }
      return lazySpinner(async () => {
        const { default: yocto } = await import('yocto-spinner');
        return () => yocto({ text: message, stream: process.stderr }).start();
      });
    },
    ...(o.step
      ? {
          beforeStep: async (n: number, title: string) =>
            pressEnter(`Step ${n}: ${title} — press Enter`),
        }
      : {}),
  };
  const opts: FlowOptions = {
    grant,
    titles,
    auto: o.auto ?? false,
    extras: o.extras ?? false,
    showSecrets: o.showSecrets ?? false,
    timeoutMs: o.timeout * 1000,
    ...(o.user === undefined ? {} : { user: o.user }),
    ...(o.scope === undefined ? {} : { scope: o.scope }),
    ...(o.attack === undefined ? {} : { attack: o.attack }),
    ...(external === undefined ? {} : { external }),
  };
  let t: FlowTranscript;
  try {
    if (external !== undefined) {
      t = await runFlow(opts, io);
    } else {
      const attack =
        o.attack === undefined
          ? undefined
          : (await import('../../oauth/attacks/index.js')).ATTACK_HOOKS[o.attack];
      // Under --auto the device flow's waits between polls are fast-forwarded (the provider sees the time pass).
      const time = grant === 'device' && o.auto ? fastForward() : undefined;
      // Loaded only when needed: it prints, and --json loads nothing that prints (startup.test.ts).
      if (o.alg !== undefined && isDeprecatedAlg(o.alg))
        (await import('../deprecated-alg.js')).warnDeprecatedAlgFlag(
          o.alg,
          'the built-in provider signs its tokens "EdDSA"',
        );
      // Issue 13: a learner who reads between steps must not see the code expire under them.
      if (o.step && !quiet)
        (await import('../output.js')).warn(
          `--step: the built-in provider keeps authorization codes for ${STEP_MODE_CODE_TTL / 60} minutes in step mode (normally 60 seconds), so you can read at your own pace; RFC 6749 §4.1.2 recommends at most 10 minutes.`,
        );
      t = await withBuiltInProvider(
        {
          ...(o.alg === undefined ? {} : { alg: o.alg }),
          ...(attack?.provider?.allowNoPkce === true ? { allowNoPkce: true } : {}),
          ...(attack?.provider?.attacker === true ? { attacker: true } : {}),
          ...(o.step ? { limits: { codeTtl: STEP_MODE_CODE_TTL } } : {}),
          ...(time === undefined ? {} : { clock: time.clock }),
        },
        (provider) =>
          runFlow(
            {
              ...opts,
              provider,
              ...(time === undefined ? {} : { sleep: time.sleep, now: time.now }),
            },
            io,
          ),
      );
    }
  } catch (error) {
    if (error instanceof FlowError) {
      if (error.transcript !== undefined)
        await finishOutputs({ ...error.transcript, ok: false }, o, {
          step: error.step,
          message: error.message,
          ...(error.extra === undefined ? {} : { extra: error.extra }),
        });
      const where =
        error.extra === undefined
          ? `Step ${error.step} (${error.title})`
          : `The extra "${error.extra}"`;
      throw new TutorError('ERR_FAILED', `${where} failed: ${error.message}.`, {
        hint: error.hint,
        cause: error,
      });
    }
    throw error;
  }
  await finishOutputs(t, o);
  if (shown !== undefined) {
    const { c, out } = await import('../output.js');
    if (t.declined)
      out(
        '\nNo problem: nothing was sent to the provider. Run `oauth-tutor flow` again whenever you like.',
      );
    else if (t.attack) shown.view.printAttack(t.attack);
    else out(`\n${c.green('✓')} ${DONE[grant]}`);
  }
  if (!t.ok) throw new ExitError(EXIT.FAILED);
}

const DONE: Record<GrantName, string> = {
  code: 'All seven steps done. The app called the API for the user without ever seeing their password.',
  'client-credentials':
    'Done. The service got a token for itself with its own credentials: no user, no browser, no consent.',
  refresh: 'Done. Refresh tokens rotate, and the reuse of a spent one revoked the whole chain.',
  device:
    'Done. The device got its tokens without a browser of its own: the user approved on another screen.',
};

async function finishOutputs(
  t: FlowTranscript,
  o: FlowCliOptions,
  error?: { step: number; message: string; extra?: string },
): Promise<void> {
  if (o.json) printJson(error === undefined ? t : { ...t, error });
  if (o.transcript !== undefined) {
    const { c, err } = await import('../output.js');
    try {
      const { writeFileAtomic } = await import('../atomic-write.js');
      const { transcriptMarkdown } = await import('../flow-view.js');
      await writeFileAtomic(o.transcript, transcriptMarkdown(t), { mode: 0o600 });
      err(c.dim(`Transcript written to ${o.transcript}`));
    } catch (e) {
      err(
        `${c.yellow('!')} Could not write the transcript to ${o.transcript}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
}

/** The step printer and what it is handed (the diagram, the QR renderer for the device flow). */
async function showRun(grant: GrantName, lesson: Lesson, curl: boolean, total: number) {
  const [view, { diagramText }] = await Promise.all([
    import('../flow-view.js'),
    import('../play/ordering.js'),
  ]);
  const options = {
    curl,
    total,
    diagram: (n: number) => (grant === 'code' ? diagramText(lesson, n, n) : ''),
    ...(grant === 'device' ? { qr: await (await import('../qr.js')).loadQrRenderer() } : {}),
  };
  return { view, options };
}
