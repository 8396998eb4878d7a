/** `oauth-tutor` with no command: the main menu in a terminal, the help text elsewhere. */
import { ask, choose, isInteractive } from '../prompts.js';

type Entry = 'learn' | 'quiz' | 'flow' | 'jwt' | 'check' | 'progress' | 'quit';

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
      { name: 'Quiz', value: 'quiz', description: 'a deck of questions, or your spaced review' },
      { name: 'Live flow', value: 'flow', description: 'the seven steps for real, over HTTP on this machine, every request explained' },
      { name: 'JWT', value: 'jwt', description: 'decode a token, run the signing and attack demos' },
      { name: 'Check my answers', value: 'check', description: 'grade a review sheet you wrote (markdown or text)' },
      { name: 'Progress', value: 'progress', description: 'your lessons and scores' },
      { name: 'Quit', value: 'quit' },
    ], last);
    last = choice;
    if (choice === 'quit') return;
    if (choice === 'learn') {
      const { learn } = await import('./learn.js');
      await learn({});
    } else if (choice === 'quiz') {
      const what = await choose('Quiz', [
        { name: 'Review what is due', value: 'review' },
        { name: 'Take a deck', value: 'deck' },
      ]);
      const { quiz } = await import('./quiz.js');
      await quiz(what === 'review' ? { review: true } : {});
    } else if (choice === 'flow') {
      const { flowCommand } = await import('./flow.js');
      await flowCommand({ browser: true, timeout: '300' }).catch(async (error: unknown) => {
        // A failed flow is explained and the menu stays; Ctrl-C still ends the program.
        if ((error as { code?: string }).code === 'ERR_INTERRUPTED') throw error;
        const { report } = await import('../report.js');
        await report(error);
      });
    } else if (choice === 'jwt') {
      await jwtMenu();
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

async function jwtMenu(): Promise<void> {
  const { DEMO_IDS } = await import('../../jwt/demos/ids.js');
  const what = await choose<'lesson' | 'decode' | 'demo' | 'back'>('JWT', [
    { name: 'The JWT workshop (lesson)', value: 'lesson' },
    { name: 'Decode a token', value: 'decode' },
    { name: 'Run a demo or an attack', value: 'demo' },
    { name: 'Back', value: 'back' },
  ]);
  const jwt = await import('./jwt.js');
  if (what === 'lesson') {
    const { learn } = await import('./learn.js');
    await learn({ lesson: 'jwt' });
  } else if (what === 'decode') {
    const token = (await ask('Paste the token:')).trim();
    if (token !== '') await jwt.decodeCommand(token, {}).catch(() => undefined);
  } else if (what === 'demo') {
    const id = await choose('Which demo?', DEMO_IDS.map((d) => ({ name: d, value: d })));
    await jwt.demoCommand(id, {});
  }
}
