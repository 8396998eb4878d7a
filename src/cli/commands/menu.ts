/**
 * `oauth-tutor` with no command: the main menu in a terminal, the help text
 * elsewhere. Every submenu ends with Back; a failed action is explained once
 * and the menu stays; Ctrl-C ends the program (exit 130) from anywhere.
 */
import { stat } from 'node:fs/promises';
import { TutorError } from '../../errors.js';
import { c, err } from '../output.js';
import { ask, choose, isInteractive } from '../prompts.js';
import type { DemoId } from '../../jwt/demos/ids.js';
import type { FlowCliOptions } from '../program.js';

type Entry = 'learn' | 'quiz' | 'flow' | 'jwt' | 'check' | 'progress' | 'quit';

const BACK = '\0back';

export interface MenuOptions {
  help: () => void;
  /** `flow` with no flags given: the defaults commander declares. */
  flowDefaults: FlowCliOptions;
}

export async function menu(opts: MenuOptions): Promise<void> {
  if (!isInteractive()) {
    opts.help();
    return;
  }
  let last: Entry | undefined;
  for (;;) {
    const choice = await choose<Entry>(
      'What would you like to do?',
      [
        { name: 'Learn', value: 'learn', description: 'lessons with feedback and saved progress' },
        { name: 'Quiz', value: 'quiz', description: 'a deck of questions, or your spaced review' },
        {
          name: 'Live flow',
          value: 'flow',
          description:
            'the seven steps for real, over HTTP on this machine, every request explained',
        },
        {
          name: 'JWT',
          value: 'jwt',
          description: 'decode a token, run the signing and attack demos',
        },
        {
          name: 'Check my answers',
          value: 'check',
          description: 'grade a review sheet you wrote (markdown or text)',
        },
        { name: 'Progress', value: 'progress', description: 'your lessons and scores' },
        { name: 'Quit', value: 'quit' },
      ],
      last,
    );
    last = choice;
    if (choice === 'quit') return;
    if (choice === 'learn') {
      const { learn } = await import('./learn.js');
      await learn({});
    } else if (choice === 'quiz') {
      await reported(quizMenu);
    } else if (choice === 'flow') {
      const { flowCommand } = await import('./flow.js');
      await reported(() => flowCommand(opts.flowDefaults));
    } else if (choice === 'jwt') {
      await jwtMenu();
    } else if (choice === 'check') {
      await checkMenu();
    } else {
      const { progress } = await import('./progress.js');
      await progress({});
    }
  }
}

/** Runs an action from the menu: a failure is explained and the menu stays; Ctrl-C still ends the program. */
async function reported(action: () => Promise<void>): Promise<void> {
  await action().catch(async (error: unknown) => {
    if (error instanceof TutorError && error.code === 'ERR_INTERRUPTED') throw error;
    const { report } = await import('../report.js');
    await report(error);
  });
}

async function quizMenu(): Promise<void> {
  const what = await choose<'review' | 'deck' | typeof BACK>('Quiz', [
    {
      name: 'Review what is due',
      value: 'review',
      description: 'the cards and questions your schedule says are due today',
    },
    { name: 'Take a deck', value: 'deck' },
    { name: 'Back', value: BACK },
  ]);
  if (what === BACK) return;
  const { quiz } = await import('./quiz.js');
  if (what === 'review') return quiz({ review: true });
  const { builtInDeckIds, readDeck } = await import('../../tutor/decks.js');
  const decks = await Promise.all(
    (await builtInDeckIds()).map(async (id) => {
      // A deck that cannot be read is still offered by its id (choosing it explains in full), and said once here.
      const { deck } = await readDeck(id).catch((error: unknown) => {
        err(
          `${c.yellow('!')} The deck ${id} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
        );
        return { deck: undefined };
      });
      return {
        name: deck?.title ?? id,
        value: id,
        ...(deck?.description ? { description: deck.description } : {}),
      };
    }),
  );
  const deck = await choose<string>('Which deck?', [...decks, { name: 'Back', value: BACK }]);
  if (deck === BACK) return;
  return quiz({}, deck);
}

/** Asks for a sheet until one exists, or the learner goes back (an empty answer). */
async function checkMenu(): Promise<void> {
  for (;;) {
    const file = (
      await ask('Path to your answer sheet (e.g. answers.md), or Enter to go back:')
    ).trim();
    if (file === '') {
      err(c.dim('No path given: back to the menu.'));
      return;
    }
    const found = await stat(file).then(
      () => true,
      () => false,
    );
    if (!found) {
      err(
        `${c.yellow('!')} There is no file at ${file}. Type another path, or press Enter to go back.`,
      );
      continue;
    }
    const { check } = await import('./check.js');
    await reported(() => check({ save: true }, [file]));
    return;
  }
}

async function jwtMenu(): Promise<void> {
  const { DEMO_IDS, DEMO_TITLES } = await import('../../jwt/demos/ids.js');
  for (;;) {
    const what = await choose<'lesson' | 'decode' | 'demo' | typeof BACK>('JWT', [
      { name: 'The JWT workshop (lesson)', value: 'lesson' },
      { name: 'Decode a token', value: 'decode' },
      { name: 'Run a demo or an attack', value: 'demo' },
      { name: 'Back', value: BACK },
    ]);
    if (what === BACK) return;
    const jwt = await import('./jwt.js');
    if (what === 'lesson') {
      const { learn } = await import('./learn.js');
      await learn({}, 'jwt');
      return;
    } else if (what === 'decode') {
      const token = (await ask('Paste the token (or Enter to go back):')).trim();
      if (token !== '') await reported(() => jwt.decodeCommand(token, {}));
    } else {
      const id = await choose<DemoId | typeof BACK>('Which demo?', [
        ...DEMO_IDS.map((d) => ({
          name: DEMO_TITLES[d],
          value: d,
          description: `oauth-tutor jwt demo ${d}`,
        })),
        { name: 'Back', value: BACK },
      ]);
      if (id !== BACK) await reported(() => jwt.demoCommand(id, {}));
    }
  }
}
