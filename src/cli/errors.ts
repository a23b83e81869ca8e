// The errors modules alone, not the libraries: every command reports errors, so this loads at start-up.
import { isPinsError } from '../core/pins/errors.js';
import { isModelError } from '../core/vetiver/errors.js';

/**
 * A mistake in how the CLI was called (bad flag, missing argument, unreadable input file).
 * Like a PinsError it is the user's to fix, so it is reported without a stack trace.
 */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';

  constructor(
    message: string,
    /** The command whose `--help` explains the fix, if any. */
    readonly helpCommand?: string,
  ) {
    super(message);
  }
}

export interface ErrorReport {
  exitCode: 1 | 2;
  text: string;
}

/** Node system errors (ENOENT, EACCES, ENOSPC…) come from the user's machine, not from a bug. */
interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
}

function isSystemError(error: unknown): error is SystemError {
  const code: unknown = error instanceof Error ? (error as Partial<SystemError>).code : undefined;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

const SYSTEM_ERROR_HINTS: Record<string, string> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'it already exists',
  EMFILE: 'too many files are open',
};

/** `text` as one shell word: unchanged when it is safe, else in single quotes. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Adds `--board <board>` to the commands a message suggests in backticks (`pinwheel list`), so
 * that copying one works for a user who named the board with --board rather than $PINWHEEL_BOARD.
 */
export function withBoardInSuggestions(message: string, board: string | undefined): string {
  if (board === undefined) return message;
  return message.replace(/`(pinwheel [a-z][^`]*)`/g, (whole, command: string) =>
    /(^|\s)--(board|help)\b/.test(command) ? whole : `\`${command} --board ${shellQuote(board)}\``,
  );
}

/**
 * Turns anything thrown by a command into the text and exit code the user sees:
 * 1 for problems the user can fix, 2 for bugs. Stack traces only with PINWHEEL_DEBUG=1.
 * `board` is the --board the user passed, added to the commands messages suggest.
 */
export function reportError(error: unknown, debug: boolean, board?: string): ErrorReport {
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  if (error instanceof CliUsageError) {
    const help = error.helpCommand !== undefined
      ? ` Run 'pinwheel ${error.helpCommand ? `${error.helpCommand} ` : ''}--help' for usage.`
      : '';
    return { exitCode: 1, text: `Error: ${withBoardInSuggestions(error.message, board)}${help}${stack}` };
  }
  if (isPinsError(error) || isModelError(error)) {
    return { exitCode: 1, text: `Error: ${withBoardInSuggestions(error.message.trim(), board)}${stack}` };
  }
  if (isSystemError(error)) {
    const what = error.path ? ` '${error.path}'` : '';
    const why = SYSTEM_ERROR_HINTS[error.code] ?? error.message;
    const action = error.syscall ? ` (${error.syscall})` : '';
    return { exitCode: 1, text: `Error: cannot use${what}: ${why}${action} [${error.code}].${stack}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: 2,
    text:
      `Internal error: ${message}. This is a bug in Pinwheel, not something you did wrong; please ` +
      'report it with the command you ran' +
      (debug ? `.${stack}` : ' (set PINWHEEL_DEBUG=1 to see the stack trace).'),
  };
}
