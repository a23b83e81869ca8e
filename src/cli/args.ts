import { parseArgs } from 'node:util';
import { CliUsageError } from './errors.js';

/** One flag of a command, as shown in its --help. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder shown in help for string options, e.g. 'URI'. */
  value?: string;
  /** Shown without [brackets] in the usage line; the command itself checks it is given. */
  required?: boolean;
  /** A realistic value, used in the message when the value is missing. */
  example?: string;
  description: string;
}

export interface PositionalSpec {
  name: string;
  required: boolean;
  /** Takes every remaining argument (only for the last one): shown as `FILE [FILE...]`. */
  repeatable?: boolean;
  description: string;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Flags every command accepts. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  board: {
    type: 'string',
    value: 'URI',
    example: './my-board',
    description:
      "the board: a folder path (or file:///abs/path), 'temp' (a throw-away board), or 'local' " +
      "(pins-python's user data folder; 'local:r' for pins-r's). Default: $PINWHEEL_BOARD.",
  },
  json: { type: 'boolean', description: 'print machine-readable JSON on stdout (shape below)' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

function flagList(options: Record<string, OptionSpec>): string {
  return Object.keys(options).map((name) => `--${name}`).join(', ');
}

/**
 * Explains why node's strict parser refused the arguments, in terms of this command's flags.
 * node's own messages mention "positional arguments" and `--` tricks that confuse more than help.
 */
function explainParseFailure(command: string, options: Record<string, OptionSpec>, argv: string[], error: Error): string {
  const { tokens } = parseArgs({ args: argv, options: toNodeOptions(options), strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (!spec) {
      return `'${command}' has no option '${token.rawName}'. Its options are ${flagList(options)}.`;
    }
    if (spec.type === 'string' && token.value === undefined) {
      return `${token.rawName} needs a value, e.g. ${token.rawName} ${spec.example ?? spec.value ?? 'VALUE'}.`;
    }
    if (spec.type === 'string' && token.inlineValue === false && token.value?.startsWith('-')) {
      return `${token.rawName} needs a value but is followed by '${token.value}'. Write ${token.rawName}=${token.value} if that really is the value.`;
    }
    if (spec.type === 'boolean' && token.value !== undefined) {
      return `${token.rawName} is an on/off switch and takes no value (got '${token.value}').`;
    }
  }
  return error.message;
}

function toNodeOptions(options: Record<string, OptionSpec>) {
  return Object.fromEntries(
    Object.entries(options).map(([name, spec]) => [name, spec.short ? { type: spec.type, short: spec.short } : { type: spec.type }]),
  );
}

/**
 * `--keep -1` → `--keep=-1`. node's parser refuses a value that starts with '-' as ambiguous, but
 * a negative number after a flag that takes a value can only be meant as its value; the flag's
 * own check then says what the value must be.
 */
function attachNegativeNumbers(options: Record<string, OptionSpec>, argv: string[]): string[] {
  const result: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--') return [...result, ...argv.slice(index)];
    const name = arg.startsWith('--')
      ? arg.slice(2)
      : /^-[^-]$/.test(arg)
        ? Object.keys(options).find((key) => options[key]?.short === arg[1])
        : undefined;
    const next = argv[index + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      result.push(`--${name}=${next}`);
      index += 1;
    } else {
      result.push(arg);
    }
  }
  return result;
}

/** Strictly parses one command's arguments: unknown flags, missing values and extra arguments are errors. */
export function parseCommandArgs(
  command: string,
  options: Record<string, OptionSpec>,
  positionals: PositionalSpec[],
  rawArgv: string[],
): ParsedArgs {
  const argv = attachNegativeNumbers(options, rawArgv);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options: toNodeOptions(options), strict: true, allowPositionals: true });
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    throw new CliUsageError(explainParseFailure(command, options, argv, error), command);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { values, positionals: parsed.positionals };

  const given = parsed.positionals;
  const extra = positionals.at(-1)?.repeatable ? [] : given.slice(positionals.length);
  if (extra.length > 0) {
    const takes = positionals.length === 0 ? 'takes no arguments' : `takes ${positionals.map((p) => p.name).join(' ')}`;
    throw new CliUsageError(`'${command}' ${takes}, but also got ${extra.map((e) => `'${e}'`).join(' ')}.`, command);
  }
  positionals.forEach((spec, index) => {
    const value = given[index];
    if (spec.required && (value === undefined || value === '')) {
      throw new CliUsageError(`'${command}' needs ${spec.name}: ${spec.description}.`, command);
    }
  });
  return { values, positionals: given };
}
