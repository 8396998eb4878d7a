/**
 * The client's check of the authorization response (the redirect back to it),
 * in the order a certified client does it (panva/oauth4webapi's
 * validateAuthResponse): `iss`, then `state`, then `error`, and only then the
 * code. The order matters: an `?error=…` callback is a response like any
 * other, and one the client did not ask for is a forgery, to be refused, not
 * believed; and a response from the wrong provider is refused before anything
 * in it is read.
 */

export interface ExpectedResponse {
  /** The issuer the authorization request was sent to. */
  issuer: string;
  /** The provider's metadata says it sends `iss` (authorization_response_iss_parameter_supported). */
  issParameterSupported: boolean;
  /** The state this client sent; undefined for a client that sends none (the CSRF lab's weak client). */
  state: string | undefined;
}

export type ResponseCheckName = 'iss' | 'state' | 'error' | 'code';

export interface AcceptedResponse {
  ok: true;
  code: string;
  /** One line per check that passed, in order. */
  notes: string[];
}

export interface RefusedResponse {
  ok: false;
  failed: ResponseCheckName;
  message: string;
  hint: string;
  notes: string[];
  /** For failed === 'error': the provider's error code and description. */
  error?: string;
  errorDescription?: string;
}

export type CheckedResponse = AcceptedResponse | RefusedResponse;

export function checkAuthorizationResponse(
  params: URLSearchParams,
  expected: ExpectedResponse,
): CheckedResponse {
  const notes: string[] = [];
  const refuse = (
    failed: ResponseCheckName,
    message: string,
    hint: string,
    extra: Partial<RefusedResponse> = {},
  ): RefusedResponse => ({ ok: false, failed, message, hint, notes, ...extra });

  // 1. iss. RFC 9207 §2.4: clients "MUST then decode the value […] and compare the result to the issuer
  // identifier of the authorization server where the authorization request was sent to", and "MUST reject
  // authorization responses without the iss parameter from authorization servers that do support the parameter".
  // https://www.rfc-editor.org/rfc/rfc9207#section-2.4
  const iss = params.get('iss');
  if (iss !== null) {
    if (iss !== expected.issuer)
      return refuse(
        'iss',
        `iss ${iss} is not the provider we sent the user to (${expected.issuer}): possible mix-up attack (RFC 9207 §2.4)`,
        'Check the issuer URL; do not use this response.',
      );
    notes.push(
      `iss ${iss} equals the provider we used ✓ (RFC 9207: defends against mix-up attacks)`,
    );
  } else if (expected.issParameterSupported) {
    return refuse(
      'iss',
      'the provider advertises the iss parameter but did not send it (RFC 9207 §2.4)',
      'Treat this response as suspicious.',
    );
  } else {
    notes.push('no iss parameter (this provider does not support RFC 9207)');
  }

  // 2. state. RFC 6749 §4.1.2 and §4.1.2.1: state is "REQUIRED if the "state" parameter was present in the client
  // authorization request", with "the exact value received from the client" — in error responses too.
  // RFC 6749 §10.12: "The client MUST implement CSRF protection for its redirection URI."
  const state = params.get('state');
  if (expected.state !== undefined) {
    if (state !== expected.state) {
      notes.push(`state sent ${expected.state} / received ${state ?? '(none)'}: DIFFERENT`);
      return refuse(
        'state',
        'state mismatch: this callback does not answer our request (possible CSRF)',
        'Start the flow again from the app.',
      );
    }
    notes.push(
      `state sent ${expected.state} / received ${state}: equal ✓ — this callback answers our request`,
    );
  } else {
    notes.push(
      `this client sent no state, so it cannot tell whether it asked for this response${state === null ? '' : ` (it carries state "${state}", which it ignores)`}`,
    );
  }

  // 3. error (RFC 6749 §4.1.2.1), read only once the response is known to answer our request.
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description') ?? undefined;
    notes.push(
      `the provider answered with error=${error}${description === undefined ? '' : `: ${description}`}`,
    );
    return refuse(
      'error',
      error === 'access_denied'
        ? 'the user denied consent'
        : `the provider returned error=${error} (${description ?? 'no description'})`,
      error === 'access_denied'
        ? 'Run the flow again and choose Approve.'
        : 'Check the client_id, redirect URI and scope.',
      { error, ...(description === undefined ? {} : { errorDescription: description }) },
    );
  }

  // 4. the code (RFC 6749 §4.1.2: "code REQUIRED").
  const code = params.get('code');
  if (code === null || code === '')
    return refuse(
      'code',
      'the callback carries no code',
      'The provider did not follow the protocol; check its logs.',
    );
  return { ok: true, code, notes };
}
