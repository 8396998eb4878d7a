/** Basic vs Bearer: what each Authorization header really sends (RFC 7617, RFC 6750). */
import { json, step, type DemoResult } from './demo.js';

export function basicVsBearerDemo(): DemoResult {
  const basic = Buffer.from('alice:correct horse battery staple').toString('base64');
  return {
    id: 'basic-vs-bearer',
    title: 'Authorization: Basic vs Bearer',
    steps: [
      step(
        'code',
        'An app using HTTP Basic sends, on every request',
        `Authorization: Basic ${basic}`,
      ),
      step('fail', 'Decoded (base64 is not encryption)', Buffer.from(basic, 'base64').toString()),
      step(
        'text',
        "So the app holds the user's real password, for everything the user can do, for ever. With OAuth the app never sees it.",
      ),
      step(
        'code',
        'With OAuth the app sends instead',
        'Authorization: Bearer eyJhbGciOiJFUzI1NiIs…',
      ),
      step(
        'text',
        '"Bearer" means whoever holds the token can use it — like cash. So tokens should be short-lived, limited to an audience, and kept out of page URLs (RFC 6750 §5.3); scopes limit what they allow (RFC 6749 §3.3).',
      ),
      step(
        'code',
        'A token limited to one scope',
        json({ scope: 'photos.read', exp: 'in 10 minutes' }),
      ),
    ],
  };
}
