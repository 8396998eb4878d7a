/** What a live demo returns: steps to show, and the outcome a check reached. Rendering is the CLI's job. */

export type StepKind = 'text' | 'code' | 'token' | 'ok' | 'fail' | 'warn';

export interface DemoStep {
  kind: StepKind;
  label: string;
  value?: string;
}

export interface DemoResult {
  id: string;
  title: string;
  steps: DemoStep[];
  /** For attack demos: whether the proper verifier accepted the token, and why not. */
  outcome?: { accepted: boolean; code?: string; reason?: string };
}

export const step = (kind: StepKind, label: string, value?: string): DemoStep => (value === undefined ? { kind, label } : { kind, label, value });

export const json = (v: unknown): string => JSON.stringify(v);
