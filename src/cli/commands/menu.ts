/** `oauth-tutor` with no command: the main menu in a terminal, the help text elsewhere. */
import { ask, choose, isInteractive } from '../prompts.js';

type Entry = 'learn' | 'check' | 'progress' | 'quit';

export async function menu(opts: { help: () => void }): Promise<void> {
  if (!isInteractive()) {
    opts.help();
    return;
  }
  let last: Entry | undefined;
  for (;;) {
    // Only what exists so far: Quiz, Live flow, JWT and Check join as they land.
    const choice = await choose<Entry>('What would you like to do?', [
      { name: 'Learn', value: 'learn', description: 'lessons with feedback and saved progress' },
      { name: 'Check my answers', value: 'check', description: 'grade a review sheet you wrote (markdown or text)' },
      { name: 'Progress', value: 'progress', description: 'your lessons and scores' },
      { name: 'Quit', value: 'quit' },
    ], last);
    last = choice;
    if (choice === 'quit') return;
    if (choice === 'learn') {
      const { learn } = await import('./learn.js');
      await learn({});
    } else if (choice === 'check') {
      const file = (await ask('Path to your answer sheet (e.g. answers.md):')).trim();
      if (file === '') continue;
      const { check } = await import('./check.js');
      // A sheet that cannot be read is reported, and the menu stays open.
      await check({ paths: [file] }).catch(async (error: unknown) => {
        const { report } = await import('../report.js');
        await report(error);
      });
    } else {
      const { progress } = await import('./progress.js');
      await progress({});
    }
  }
}
