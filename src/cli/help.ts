import { COMMON_OPTIONS, type OptionSpec } from './args.js';
import type { Command } from './command.js';

const WIDTH = 100;

/** Wraps `text` at WIDTH, indenting continuation lines by `indent` spaces. */
function wrap(text: string, indent: number, firstLineUsed = indent): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let room = WIDTH - firstLineUsed;
  for (const word of words) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
      room = WIDTH - indent;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

function optionLabel(name: string, spec: OptionSpec): string {
  const long = spec.type === 'string' ? `--${name} ${spec.value ?? 'VALUE'}` : `--${name}`;
  return spec.short ? `-${spec.short}, ${long}` : `    ${long}`;
}

function definitionList(entries: [string, string][]): string {
  const width = Math.max(...entries.map(([term]) => term.length));
  return entries.map(([term, text]) => `  ${term.padEnd(width)}  ${wrap(text, width + 4)}`).join('\n');
}

function usageLine(command: Command): string {
  const positionals = command.positionals.map((p) => {
    const one = p.required ? p.name : `[${p.name}]`;
    return p.repeatable ? `${one} [${p.name}...]` : one;
  });
  const flags = Object.entries(command.options).map(([name, spec]) => {
    const flag = spec.type === 'string' ? `--${name} ${spec.value ?? 'VALUE'}` : `--${name}`;
    return spec.required ? flag : `[${flag}]`;
  });
  return ['pinwheel', command.name, ...positionals, ...flags, '--board URI', '[--json]'].join(' ');
}

export function commandHelp(command: Command): string {
  const sections = [
    `pinwheel ${command.name}: ${command.summary}`,
    `Usage: ${wrap(usageLine(command), 9, 7)}`,
  ];
  if (command.positionals.length > 0) {
    sections.push(`Arguments:\n${definitionList(command.positionals.map((p) => [p.name, p.description]))}`);
  }
  const options = { ...command.options, ...COMMON_OPTIONS };
  sections.push(`Options:\n${definitionList(Object.entries(options).map(([name, spec]) => [optionLabel(name, spec), spec.description]))}`);
  if (command.details) sections.push(wrap(command.details, 0));
  sections.push(`--json prints:\n  ${command.jsonShape}`);
  sections.push(`Examples:\n${command.examples.map((e) => `  ${e}`).join('\n')}`);
  return sections.join('\n\n');
}

export function mainHelp(commands: Command[]): string {
  return [
    'pinwheel: read and write pins boards (the board format of pins for R and Python) from the shell.',
    'Usage: pinwheel <command> [arguments] [options] --board URI [--json]',
    `Commands:\n${definitionList(commands.map((c) => [c.name, c.summary]))}`,
    `Options of every command:\n${definitionList(Object.entries(COMMON_OPTIONS).map(([name, spec]) => [optionLabel(name, spec), spec.description]))}`,
    wrap(
      'Output: results go to stdout; notes and errors to stderr. With --json, stdout is exactly one JSON ' +
        "document whose shape each command's --help documents. Exit status: 0 on success, 1 for a problem " +
        'you can fix (the message says what and how), 2 for a bug in Pinwheel (set PINWHEEL_DEBUG=1 for the stack trace).',
      0,
    ),
    'Examples:\n' +
      [
        'pinwheel list --board ./my-board',
        'pinwheel write mtcars.csv --name mtcars --board ./my-board',
        'pinwheel versions mtcars --board ./my-board',
        'pinwheel read mtcars --board ./my-board --json',
        'pinwheel prune mtcars --keep 5 --dry-run --board ./my-board',
      ]
        .map((e) => `  ${e}`)
        .join('\n'),
    "Run 'pinwheel <command> --help' for a command's options and its --json output, 'pinwheel --version' for the version.",
  ].join('\n\n');
}
