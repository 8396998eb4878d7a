/**
 * The part of playwright-core's API the browser tests use (test/helpers/browser.ts,
 * test/e2e/browser.test.ts), declared here because playwright-core's own type files are about a
 * third of everything `npm run typecheck` would otherwise parse (52,000 lines). tsconfig.test.json
 * maps the module name to this file for the type-check only: at run time the tests import the real
 * playwright-core, and a method named here that it lacks fails the browser tests. Signatures are
 * copied, narrowed to the arguments we pass, from playwright-core/types/types.d.ts.
 */

export interface LaunchOptions {
  executablePath?: string;
  args?: string[];
}

export interface BrowserType {
  launch(options?: LaunchOptions): Promise<Browser>;
}

export interface Browser {
  newPage(): Promise<Page>;
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export interface Cookie {
  name: string;
  value: string;
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax' | 'None';
}

export interface BrowserContext {
  newPage(): Promise<Page>;
  cookies(urls?: string | string[]): Promise<Cookie[]>;
  close(): Promise<void>;
}

export interface Response {
  url(): string;
  status(): number;
}

export interface Request {
  url(): string;
}

export interface Locator {
  textContent(): Promise<null | string>;
  allTextContents(): Promise<string[]>;
  count(): Promise<number>;
  first(): Locator;
}

export interface Frame {
  evaluate<R>(pageFunction: string | (() => R | Promise<R>)): Promise<R>;
  evaluate<R, A>(pageFunction: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

export interface Page {
  goto(url: string): Promise<unknown>;
  setContent(html: string, options?: { waitUntil?: 'load' | 'domcontentloaded' }): Promise<void>;
  url(): string;
  locator(selector: string): Locator;
  textContent(selector: string): Promise<null | string>;
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  waitForURL(url: string | RegExp): Promise<void>;
  frames(): Frame[];
  mainFrame(): Frame;
  on(event: 'request', listener: (request: Request) => unknown): Page;
  on(event: 'response', listener: (response: Response) => unknown): Page;
  evaluate<R = unknown>(pageFunction: string | (() => R | Promise<R>)): Promise<R>;
  evaluate<R, A>(pageFunction: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  emulateMedia(options: { media: 'print' | 'screen' | null }): Promise<void>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<Buffer>;
  pdf(options: { format: string }): Promise<Buffer>;
  close(): Promise<void>;
}

export const chromium: BrowserType;
