import { editDistance } from '../core/text/editDistance.js';
import { COMMON_OPTIONS, parseCommandArgs } from './args.js';
import type { Command, CommandContext } from './command.js';
import { COMMANDS } from './commands/index.js';
import { CliUsageError, reportError } from './errors.js';
import { commandHelp, mainHelp } from './help.js';
// esbuild inlines the JSON into dist/cli.js, so the bundle needs no package.json at run time.
import packageJson from '../../package.json' with { type: 'json' };

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command;
  const names = COMMANDS.map((c) => c.name);
  const closest = names
    .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate) }))
    .sort((x, y) => x.distance - y.distance)[0];
  const guess = closest && closest.distance <= 2 ? ` Did you mean '${closest.candidate}'?` : '';
  throw new CliUsageError(`unknown command '${name}'.${guess} The commands are ${names.join(', ')}.`, '');
}

async function dispatch(argv: string[], context: CommandContext): Promise<void> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    throw new CliUsageError(`no command given. The commands are ${COMMANDS.map((c) => c.name).join(', ')}.`, '');
  }
  if (first === '--help' || first === '-h') {
    context.output.out(mainHelp(COMMANDS));
    return;
  }
  if (first === '--version' || first === '-V') {
    context.output.out(`pinwheel ${packageJson.version}`);
    return;
  }
  if (first === 'help') {
    context.output.out(rest[0] === undefined ? mainHelp(COMMANDS) : commandHelp(findCommand(rest[0])));
    return;
  }
  if (first.startsWith('-')) {
    throw new CliUsageError(`the command comes first, as in 'pinwheel list --board ./my-board'; got the option '${first}' before any command.`, '');
  }
  const command = findCommand(first);
  const args = parseCommandArgs(command.name, { ...command.options, ...COMMON_OPTIONS }, command.positionals, rest);
  if (args.values.help) {
    context.output.out(commandHelp(command));
    return;
  }
  const run = await command.load();
  await run(args, context);
}

/** The value of the last --board in argv (as node's parser takes it), or undefined. */
function boardFlag(argv: string[]): string | undefined {
  let board: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--') break;
    if (arg === '--board') board = argv[++index];
    else if (arg.startsWith('--board=')) board = arg.slice('--board='.length);
  }
  return board !== undefined && board.trim() !== '' ? board : undefined;
}

/** Runs one CLI invocation and returns its exit status: 0 ok, 1 user error, 2 bug. */
export async function runCli(argv: string[], context: CommandContext): Promise<number> {
  try {
    await dispatch(argv, context);
    return 0;
  } catch (error) {
    const report = reportError(error, context.env.PINWHEEL_DEBUG === '1', boardFlag(argv));
    context.output.err(report.text);
    return report.exitCode;
  }
}
