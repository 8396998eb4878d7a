/** `oauth-tutor` with no command: the main menu in a terminal, the help text elsewhere. */
import { choose, isInteractive } from '../prompts.js';

type Entry = 'learn' | 'progress' | 'quit';

export async function menu(opts: { help: () => void }): Promise<void> {
  if (!isInteractive()) {
    opts.help();
    return;
  }
  for (;;) {
    // Only what exists so far: Quiz, Live flow, JWT and Check join as they land.
    const choice = await choose<Entry>('What would you like to do?', [
      { name: 'Learn', value: 'learn', description: 'lessons with feedback and saved progress' },
      { name: 'Progress', value: 'progress', description: 'your lessons and scores' },
      { name: 'Quit', value: 'quit' },
    ]);
    if (choice === 'quit') return;
    if (choice === 'learn') {
      const { learn } = await import('./learn.js');
      await learn({});
    } else {
      const { progress } = await import('./progress.js');
      await progress({});
    }
  }
}
