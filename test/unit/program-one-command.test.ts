/**
 * buildProgram(argv) declares only the command the command line runs (start-up: commander builds
 * every option as it is added), and that command is declared exactly as in the whole program.
 */
import { describe, expect, it } from 'vitest';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { COMMAND_NAMES, buildProgram, commandOf, onlyTopLevelHelp } from '../../src/cli/program.js';
import { COMMANDS } from '../helpers/commands.js';

const argv = (...args: string[]) => ['node', 'oauth-tutor', ...args];

/** A command's declaration as help shows it: its usage, options and subcommands, recursively. */
function shape(cmd: CommandUnknownOpts): unknown {
  return {
    name: cmd.name(),
    usage: cmd.usage(),
    options: cmd.options.map((o) => [o.flags, o.description, o.defaultValue]),
    commands: cmd.commands.map(shape),
  };
}

describe('buildProgram declares only the command it runs', () => {
  it('COMMAND_NAMES are the commands of the whole program, in order', () => {
    expect(COMMAND_NAMES).toEqual(COMMANDS);
    expect(buildProgram().commands.map((c) => c.name())).toEqual([...COMMAND_NAMES]);
    expect(buildProgram(argv()).commands.map((c) => c.name())).toEqual([...COMMAND_NAMES]);
  });

  it.each(COMMAND_NAMES)('%s alone, declared as in the whole program', (name) => {
    const whole = buildProgram().commands.find((c) => c.name() === name);
    const alone = buildProgram(argv('--no-color', name, '--help')).commands;
    expect(alone.map((c) => c.name())).toEqual([name]);
    expect(alone.map(shape)).toEqual([shape(whole!)]);
  });

  it('the first word that is not an option picks the command; help, typos and none declare all', () => {
    expect(commandOf(argv('flow', '--auto'))).toBe('flow');
    expect(commandOf(argv('--no-color', 'jwt', 'decode', 'x'))).toBe('jwt');
    expect(commandOf(argv())).toBeUndefined();
    expect(commandOf(argv('--help'))).toBeUndefined();
    expect(commandOf(argv('help', 'quiz'))).toBeUndefined();
    // Help asked for before the command's name is the whole program's, which lists every command.
    expect(commandOf(argv('--help', 'flow'))).toBeUndefined();
    expect(commandOf(argv('--no-color', '-h', 'jwt', 'decode'))).toBeUndefined();
    expect(commandOf(argv('flow', '--help'))).toBe('flow');
    expect(buildProgram(argv('--help', 'flow')).commands).toHaveLength(COMMAND_NAMES.length);
    expect(commandOf(argv('lern'))).toBeUndefined();
    expect(buildProgram(argv('lern')).commands).toHaveLength(COMMAND_NAMES.length);
  });
});

describe('the top-level help declares each command by its usage and description only', () => {
  it('is the same text as with every command declared, for --help, -h and help', () => {
    const whole = buildProgram().helpInformation();
    for (const args of [['--help'], ['-h'], ['help'], ['--no-color', '--help']]) {
      expect(onlyTopLevelHelp(argv(...args))).toBe(true);
      const shells = buildProgram(argv(...args));
      expect(shells.commands.every((c) => c.options.length === 0)).toBe(true);
      expect(shells.helpInformation()).toBe(whole);
    }
  });

  it('each usage is what commander makes of the whole declaration', () => {
    const shells = buildProgram(argv('--help')).commands;
    for (const cmd of buildProgram().commands)
      expect(shells.find((s) => s.name() === cmd.name())?.usage()).toBe(cmd.usage());
  });

  it('anything more than the help flag declares as before', () => {
    for (const args of [['--help', 'flow'], ['help', 'quiz'], ['flow', '--help'], []])
      expect(onlyTopLevelHelp(argv(...args))).toBe(false);
  });
});

describe('oauth-tutor help [command]', () => {
  async function helpOf(...args: string[]): Promise<string> {
    let text = '';
    const program = buildProgram(argv(...args));
    for (const cmd of [program, ...program.commands])
      cmd.configureOutput({ writeOut: (s) => (text += s) });
    await program.parseAsync(argv(...args));
    return text;
  }

  it("prints the whole help, or one command's, like --help does", async () => {
    expect(await helpOf('help')).toMatch(/^Usage: oauth-tutor \[options\] \[command\]/);
    expect(await helpOf('help', 'quiz')).toMatch(/^Usage: oauth-tutor quiz /);
  });

  it('names a command it does not know, exit 2', async () => {
    await expect(helpOf('help', 'lern')).rejects.toMatchObject({
      code: 'ERR_USAGE',
      message: 'Unknown command "lern".',
    });
  });
});
