/** The step titles of each grant other than the code grant (whose titles come from the seven-steps lesson). */

export const CLIENT_CREDENTIALS_TITLES: readonly string[] = [
  'Register a confidential client for the client credentials grant',
  "Request a token with the client's own credentials",
  'Receive the access token: the client is its subject',
  'Call the API as the client itself',
];

export const REFRESH_TITLES: readonly string[] = [
  'Register the application (authorization code and refresh token grants)',
  'Sign in once: the authorization code brings a refresh token',
  'Refresh: a new access token, and a new refresh token (rotation)',
  'Call the API with the new access token',
  'Someone replays the old, spent refresh token',
  'The whole chain is revoked: the newest tokens stop working too',
];

export const DEVICE_TITLES: readonly string[] = [
  'Register the device app (a public client: no browser, no secret on the device)',
  'Ask for a device code and a user code',
  'Show the user code, and where to type it',
  'Poll the token endpoint while the user approves on another screen',
  'Receive the tokens',
  'Call the API from the device',
];
