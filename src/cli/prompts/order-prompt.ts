/**
 * The ordering prompt: the learner types the letter of the step that comes
 * next, Backspace takes back the last pick, Enter submits once every step is
 * placed. Built on @inquirer/core so it behaves like the other prompts
 * (Ctrl-C, redraw) and can be driven by keystrokes in tests.
 */
import {
  createPrompt,
  isBackspaceKey,
  isEnterKey,
  makeTheme,
  useKeypress,
  usePrefix,
  useState,
} from '@inquirer/core';
import type { LabelledStep } from '../../tutor/ordering.js';
import { hangingWrap } from '../wrap.js';

interface OrderPromptConfig {
  message: string;
  steps: readonly LabelledStep[];
}

export const orderPrompt = createPrompt<string[], OrderPromptConfig>((config, done) => {
  const [picked, setPicked] = useState<string[]>([]);
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [error, setError] = useState<string | undefined>(undefined);
  const theme = makeTheme({});
  const prefix = usePrefix({ status, theme });
  const byLabel = new Map(config.steps.map((s) => [s.label, s]));

  useKeypress((key, rl) => {
    rl.clearLine(0);
    if (isEnterKey(key)) {
      if (picked.length === config.steps.length) {
        setStatus('done');
        done(picked);
      } else {
        const left = config.steps.length - picked.length;
        setError(`Place every step first: ${left} to go.`);
      }
      return;
    }
    if (isBackspaceKey(key) || key.name === 'delete') {
      setPicked(picked.slice(0, -1));
      setError(undefined);
      return;
    }
    // Esc belongs to the lesson (back to the menu); a key that is no letter is not a mistake.
    if (key.name === 'escape') return;
    const label = (key.name ?? '').toUpperCase();
    if (picked.length === config.steps.length) {
      setError('Every step is placed: Enter checks the order, Backspace takes back the last pick.');
      return;
    }
    if (label.length !== 1 || !byLabel.has(label)) {
      setError(
        `Type one of the letters shown (${remaining()
          .map((s) => s.label)
          .join(' ')}).`,
      );
      return;
    }
    if (picked.includes(label)) {
      setError(`${label} is already placed; Backspace takes back the last pick.`);
      return;
    }
    setPicked([...picked, label]);
    setError(undefined);
  });

  function remaining(): LabelledStep[] {
    return config.steps.filter((s) => !picked.includes(s.label));
  }

  const message = theme.style.message(config.message, status);
  if (status === 'done') return `${prefix} ${message} ${theme.style.answer(picked.join(''))}`;

  // A step too long for the line continues under its own words, not under the letters.
  const width = process.stdout.columns || 80;
  const step = (lead: string, text: string) => lead + hangingWrap(text, width - 10, ' '.repeat(10));
  const lines: string[] = [`${prefix} ${message}`];
  if (picked.length > 0) {
    lines.push('  Your order so far:');
    picked.forEach((label, i) =>
      lines.push(
        step(`   ${String(i + 1).padStart(2)}. ${label}  `, byLabel.get(label)?.text ?? ''),
      ),
    );
  }
  const left = remaining();
  if (left.length > 0) {
    lines.push(picked.length > 0 ? '  Still to place:' : '  Steps:');
    left.forEach((s) => lines.push(step(`       ${theme.style.highlight(s.label)}  `, s.text)));
    lines.push(
      theme.style.help(
        `  Type the letter of step ${picked.length + 1}${picked.length > 0 ? ' · Backspace undoes' : ''}`,
      ),
    );
  } else {
    lines.push(theme.style.help('  All placed. Enter to check · Backspace undoes'));
  }
  if (error !== undefined) lines.push(theme.style.error(error));
  return lines.join('\n');
});
