import { rmdir, stat } from 'node:fs/promises';
import { folderOf, openBoard, type Board } from '../core/pins/index.js';
import type { OptionSpec, ParsedArgs, PositionalSpec } from './args.js';
import { CliUsageError } from './errors.js';
import type { Output } from './output.js';

/** Runs a command once its arguments are parsed (required positionals are checked by then). */
export type RunCommand = (args: ParsedArgs, context: CommandContext) => Promise<void>;

/**
 * Everything `pinwheel <name> --help` shows, and how to load the code that runs the command.
 * The registry (commands/index.ts) holds only these descriptions: each command's implementation
 * (commands/<name>.run.ts) and its dependencies (Fastify, onnxruntime, arrow, the deploy writers…)
 * are imported when that command runs, so `--help`, `--version` and every other command start
 * without them. So a description imports types, and values only from modules that import nothing
 * heavy (e.g. server/defaults.ts, writableTypes.ts).
 */
export interface Command {
  name: string;
  summary: string;
  positionals: PositionalSpec[];
  /** Command-specific flags; --board, --json and --help are added to every command. */
  options: Record<string, OptionSpec>;
  /** Free text after the flags: the rules that are not obvious from the flag list. */
  details?: string;
  /** What --json prints, documented in --help so scripts can rely on it. */
  jsonShape: string;
  examples: string[];
  /** Imports the command's implementation: `async () => (await import('./<name>.run.js')).run`. */
  load(): Promise<RunCommand>;
}

export interface CommandContext {
  output: Output;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The board named by --board, else $PINWHEEL_BOARD. */
export function boardUri(args: ParsedArgs, context: CommandContext, command: string): string {
  const flag = args.values.board;
  if (typeof flag === 'string' && flag.trim() !== '') return flag;
  const fromEnv = context.env.PINWHEEL_BOARD;
  if (fromEnv && fromEnv.trim() !== '') return fromEnv;
  throw new CliUsageError(
    "which board? Pass --board with a folder path (e.g. --board ./my-board), 'temp' or 'local', or set PINWHEEL_BOARD.",
    command,
  );
}

/** 'read' opens the board read-only, so a reading command can never change it. */
export type BoardAccess = 'read' | 'change' | 'create';

/**
 * Opens the board, runs `use`, and always releases the board (a temp board deletes itself).
 * New pins are versioned, as in pins-python; `write --unversioned` opts out per write.
 */
export async function withBoard<T>(
  args: ParsedArgs,
  context: CommandContext,
  command: string,
  access: BoardAccess,
  use: (board: Board) => Promise<T>,
): Promise<T> {
  const uri = boardUri(args, context, command);
  const madeHere = access === 'create' ? await folderMadeByThisCommand(uri, context.cwd) : undefined;
  const board = await openBoard(uri, {
    versioned: true,
    cwd: context.cwd,
    // A temp board is new and empty in every invocation: there is nothing to protect.
    readOnly: access === 'read' && uri.trim() !== 'temp',
    create: access === 'create',
    durable: args.values.durable === true,
  });
  try {
    return await use(board);
  } catch (error) {
    // --create must not leave an empty board folder behind when the first write fails.
    if (madeHere !== undefined) await rmdir(madeHere).catch(() => undefined);
    throw error;
  } finally {
    await board.dispose();
  }
}

/** The board folder --create is about to make, or undefined if it exists or is not a folder board. */
async function folderMadeByThisCommand(uri: string, cwd: string): Promise<string | undefined> {
  let folder: string;
  try {
    folder = folderOf(uri, cwd);
  } catch {
    return undefined;
  }
  return (await stat(folder).then(() => true, () => false)) ? undefined : folder;
}

export function wantsJson(args: ParsedArgs): boolean {
  return args.values.json === true;
}

/** The value of a string flag, or undefined. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** First positional: required ones are checked by parseCommandArgs before run() is called. */
export function pinNameArg(args: ParsedArgs): string {
  return args.positionals[0] ?? '';
}
