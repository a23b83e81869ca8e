/** Entry point of the `pinwheel` command (bundled to dist/cli.js, started by bin/pinwheel.js). */
import { runCli } from './run.js';

// `pinwheel list … | head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  output: {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  },
  env: process.env,
  cwd: process.cwd(),
});
