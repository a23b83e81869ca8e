import { CliUsageError } from '../errors.js';
import { parseOptionalFlag, positiveWholeNumber } from '../flagValues.js';
import { plural, toJson } from '../output.js';
import { pinNameArg, withBoard, wantsJson, type RunCommand } from '../command.js';

export const run: RunCommand = async (args, context) => {
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
};
