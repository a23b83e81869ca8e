// What write-app, write-docker and write-k8s (writeApp.ts) run: thin layers over src/core/deploy, which writes the files.
import { writeApp, writeDocker, writeK8s, type WrittenFolder } from '../../core/deploy/index.js';
import type { ParsedArgs } from '../args.js';
import { boardUri, pinNameArg, stringFlag, wantsJson, withBoard, type RunCommand, type CommandContext } from '../command.js';
import { CliUsageError, shellQuote } from '../errors.js';
import { positiveWholeNumber, parseOptionalFlag } from '../flagValues.js';
import { toJson } from '../output.js';

function outFlag(args: ParsedArgs, command: string): string {
  const out = stringFlag(args, 'out');
  if (out === undefined || out.trim() === '') throw new CliUsageError('--out is required: the folder to write, e.g. --out ./ads_rf-app.', command);
  return out;
}

/** The human report: what was written, then the one command to run next. */
function report(context: CommandContext, written: WrittenFolder, what: string, next: string): void {
  context.output.out(`Wrote ${what} for ${written.name}@${written.version} in ${written.out} (${written.files.length} files):`);
  context.output.out(written.files.map((file) => `  ${file}`).join('\n'));
  context.output.out(`Next: ${next}`);
}

export const runWriteApp: RunCommand = async (args, context) => {
  const out = outFlag(args, 'write-app');
  const uri = boardUri(args, context, 'write-app');
  const written = await withBoard(args, context, 'write-app', 'read', (board) =>
    writeApp({ board, boardUri: uri, name: pinNameArg(args), version: stringFlag(args, 'version'), outDir: out, overwrite: args.values.overwrite === true, cwd: context.cwd }),
  );
  if (wantsJson(args)) context.output.out(toJson(written));
  else report(context, written, 'the app', `cd ${shellQuote(out)} && ONNXRUNTIME_NODE_INSTALL=skip npm ci && node app.js`);
};

export const runWriteDocker: RunCommand = async (args, context) => {
  const out = outFlag(args, 'write-docker');
  const written = await withBoard(args, context, 'write-docker', 'read', (board) =>
    writeDocker({ board, name: pinNameArg(args), version: stringFlag(args, 'version'), outDir: out, overwrite: args.values.overwrite === true, cwd: context.cwd }),
  );
  if (wantsJson(args)) context.output.out(toJson(written));
  else report(context, written, 'the Docker build context', `docker build -t ${written.image} ${shellQuote(out)}`);
};

export const runWriteK8s: RunCommand = async (args, context) => {
  const out = outFlag(args, 'write-k8s');
  const replicas = parseOptionalFlag('replicas', args.values.replicas, positiveWholeNumber, 'write-k8s');
  const image = stringFlag(args, 'image');
  if (image !== undefined && image.trim() === '') throw new CliUsageError('--image needs an image name, e.g. --image registry.example.com/ads-rf:1.', 'write-k8s');
  const appName = stringFlag(args, 'app-name');
  const written = await withBoard(args, context, 'write-k8s', 'read', (board) =>
    writeK8s({
      board,
      name: pinNameArg(args),
      version: stringFlag(args, 'version'),
      outDir: out,
      overwrite: args.values.overwrite === true,
      cwd: context.cwd,
      ...(image === undefined ? {} : { image }),
      ...(replicas === undefined ? {} : { replicas }),
      ...(appName === undefined ? {} : { appName }),
    }),
  );
  if (wantsJson(args)) context.output.out(toJson(written));
  else report(context, written, 'Kubernetes manifests', `kubectl apply -k ${shellQuote(out)}   (once the image ${written.image} is built and pushed: see README.md there)`);
};
