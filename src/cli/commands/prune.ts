import { CliUsageError } from '../errors.js';
import { parseOptionalFlag, positiveWholeNumber } from '../flagValues.js';
import { plural, toJson } from '../output.js';
import { pinNameArg, withBoard, wantsJson, type Command } from '../command.js';

export const pruneCommand: Command = {
  name: 'prune',
  summary: 'delete old versions of a pin, keeping the newest N or those from the last D days',
  positionals: [{ name: 'NAME', required: true, description: 'the pin name' }],
  options: {
    keep: { type: 'string', value: 'N', example: '5', description: 'keep the N newest versions' },
    days: { type: 'string', value: 'D', example: '30', description: 'keep the versions created in the last D days' },
    'dry-run': { type: 'boolean', description: 'only show what would be deleted' },
  },
  details: 'Give exactly one of --keep and --days. The latest version is never deleted.',
  jsonShape: '{"name": string, "dry_run": boolean, "deleted": [string] (or would be, with --dry-run), "kept": [string]}',
  examples: ['pinwheel prune mtcars --keep 3 --board ./my-board', 'pinwheel prune mtcars --days 30 --dry-run --board ./my-board'],
  async run(args, context) {
    const name = pinNameArg(args);
    const keep = parseOptionalFlag('keep', args.values.keep, positiveWholeNumber, 'prune');
    const days = parseOptionalFlag('days', args.values.days, positiveWholeNumber, 'prune');
    if ((keep === undefined) === (days === undefined)) {
      throw new CliUsageError('give exactly one of --keep N (keep the N newest versions) and --days D (keep the last D days).', 'prune');
    }
    const dryRun = args.values['dry-run'] === true;
    const rule = keep !== undefined ? { keep } : { days: days ?? 0 };
    const result = await withBoard(args, context, 'prune', 'change', (board) => board.prune(name, rule, { dryRun }));
    if (wantsJson(args)) {
      context.output.out(toJson({ name, dry_run: result.dryRun, deleted: result.deleted, kept: result.kept }));
      return;
    }
    const verb = dryRun ? 'Would delete' : 'Deleted';
    const lines =
      result.deleted.length === 0
        ? [`No old versions of '${name}' to delete; keeping ${plural(result.kept.length, 'version')}.`]
        : [
            `${verb} ${plural(result.deleted.length, 'version')} of '${name}'${dryRun ? ' (dry run, nothing deleted)' : ''}:`,
            ...result.deleted.map((v) => `  - ${v}`),
            `Keeping ${plural(result.kept.length, 'version')}:`,
            ...result.kept.map((v) => `  + ${v}`),
          ];
    context.output.out(lines.join('\n'));
  },
};
