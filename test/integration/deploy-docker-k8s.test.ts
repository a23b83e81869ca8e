// `pinwheel write-docker` and `write-k8s`. No Docker engine runs here, so the Dockerfile is read
// instruction by instruction and its steps are rehearsed outside Docker in a copy of the build
// context: its ENV, its RUN commands as written, its CMD as the image's user would start it, and
// its HEALTHCHECK command against that server.
import assert from 'node:assert/strict';
import { chmod, cp, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { openBoard, type Board } from '../../src/core/pins/index.js';
import { fixturePath, skipWithoutShared } from '../support/sharedFixtures.js';
import { closeToFloat32, expectedForest } from '../support/servedForest.js';
import { assertUserError, ensureCliBuilt, pinwheel, pinwheelJson, tempFolders } from './cli-harness.js';
import { freePort, pinForest, run, startApp, type Run } from './deploy-harness.js';

const temp = tempFolders('deploy-docker');

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions, with continuation lines joined and comments dropped, as Docker reads them. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line) || (pending === '' && line.trim() === '')) continue;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1);
      continue;
    }
    const whole = (pending + line).trim();
    pending = '';
    const [, keyword = '', args = ''] = /^(\S+)\s+([\s\S]*)$/.exec(whole) ?? [];
    instructions.push({ keyword: keyword.toUpperCase(), args });
  }
  return instructions;
}

function only(instructions: Instruction[], keyword: string): Instruction[] {
  return instructions.filter((instruction) => instruction.keyword === keyword);
}

/** `K=V K2="V 2"` → entries. */
function envPairs(args: string): [string, string][] {
  return [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|\S*)/g)].map((match) => [match[1] ?? '', match[3] ?? match[2] ?? '']);
}

/** Files (path, size, mtime) under a folder, to show a run changed nothing. */
async function snapshot(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return Promise.all(entries.sort().map(async (entry) => {
    const info = await stat(path.join(dir, entry));
    return `${entry} ${info.size} ${info.mtimeMs}`;
  }));
}

const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

describe('write-docker and write-k8s', skipWithoutShared, () => {
  let boardDir: string;
  let board: Board;
  let version: string;
  let dockerDir: string;
  let docker: { out: string; files: string[]; name: string; version: string; image: string };

  before(async () => {
    await ensureCliBuilt();
    boardDir = await temp.make();
    board = await openBoard(boardDir);
    version = await pinForest(board, 'ads_rf');
    dockerDir = path.join(await temp.make(), 'image');
    docker = (await pinwheelJson(['write-docker', 'ads_rf', '--board', boardDir, '--out', dockerDir])) as typeof docker;
  });
  after(() => temp.cleanup());

  test('the Dockerfile: node:20-slim, /app, onnxruntime pruned per architecture, non-root, port 8080, health check, node app.js', async () => {
    const instructions = parseDockerfile(await readFile(path.join(dockerDir, 'Dockerfile'), 'utf8'));
    const keywords = instructions.map((instruction) => instruction.keyword);
    assert.equal(instructions[0]?.keyword, 'FROM');
    assert.equal(instructions[0]?.args, 'node:20-slim');
    assert.deepEqual(only(instructions, 'WORKDIR').map((i) => i.args), ['/app']);
    assert.deepEqual(only(instructions, 'ARG').map((i) => i.args), ['TARGETARCH']);
    const env = Object.fromEntries(only(instructions, 'ENV').flatMap((i) => envPairs(i.args)));
    assert.equal(env.ONNXRUNTIME_NODE_INSTALL, 'skip');
    assert.equal(env.NODE_ENV, 'production');
    assert.equal(env.HOST, '0.0.0.0');
    assert.equal(env.PORT, '8080');
    assert.equal(env.PINWHEEL_BOARD, '/app/board');
    assert.deepEqual(only(instructions, 'EXPOSE').map((i) => i.args), ['8080']);
    assert.deepEqual(only(instructions, 'USER').map((i) => i.args), ['node']);
    // The user switch comes after the install (root) and before the server starts.
    assert.ok(keywords.lastIndexOf('RUN') < keywords.indexOf('USER') && keywords.indexOf('USER') < keywords.indexOf('CMD'));
    const run = only(instructions, 'RUN');
    assert.equal(run.length, 1, 'install and prune in one layer, so the other platforms never reach the image');
    assert.match(run[0]?.args ?? '', /npm ci --omit=dev/);
    assert.match(only(instructions, 'HEALTHCHECK')[0]?.args ?? '', /^--interval=\S+ .*CMD \[.*\/ping/);
    assert.deepEqual(JSON.parse(only(instructions, 'CMD')[0]?.args ?? ''), ['node', 'app.js']);
    assert.equal(docker.image, `ads-rf:${version.toLowerCase()}`);
    assert.ok(docker.files.includes('Dockerfile') && docker.files.includes('.dockerignore'));
    assert.match(await readFile(path.join(dockerDir, '.dockerignore'), 'utf8'), /^node_modules$/m);
  });

  test('board/ is a one-pin board holding the served version with the same hash', async () => {
    const copy = await openBoard(path.join(dockerDir, 'board'), { readOnly: true });
    assert.deepEqual(await copy.list(), ['ads_rf']);
    assert.deepEqual((await copy.versions('ads_rf')).map((v) => v.version), [version]);
    const [original, copied] = [await board.meta('ads_rf', version), await copy.meta('ads_rf', version)];
    assert.equal(copied.pinHash, original.pinHash);
    await copy.read('ads_rf', version, { verifyHash: true });
    assert.deepEqual(JSON.parse(await readFile(path.join(dockerDir, 'pinwheel-app.json'), 'utf8')), { board: 'board', pin: 'ads_rf', version });
  });

  test('dockerless rehearsal: the RUN step installs and prunes, CMD serves as a non-root user, HEALTHCHECK passes', async (t) => {
    const instructions = parseDockerfile(await readFile(path.join(dockerDir, 'Dockerfile'), 'utf8'));
    const context = await temp.make();
    await cp(dockerDir, context, { recursive: true });
    await chmod(context, 0o755); // mkdtemp makes it private; the image's files are readable by all
    const workdir = only(instructions, 'WORKDIR')[0]?.args ?? '/app';
    // ENV paths inside the image point into the copy; ARG TARGETARCH as buildx sets it for linux/amd64.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TARGETARCH: 'amd64' };
    for (const { keyword, args } of instructions) {
      if (keyword === 'ENV') for (const [key, value] of envPairs(args)) env[key] = value.startsWith(workdir) ? context + value.slice(workdir.length) : value;
    }
    for (const { args } of only(instructions, 'RUN')) {
      const command = args.replace(/^(--\S+\s+)+/, ''); // --mount=type=cache is BuildKit's, not the shell's
      let result: Run = await run('sh', ['-c', command], { cwd: context, env: { ...env, npm_config_offline: 'true' } });
      if (result.code !== 0) result = await run('sh', ['-c', command], { cwd: context, env: { ...env, npm_config_prefer_offline: 'true' } });
      assert.equal(result.code, 0, `RUN ${command}\n${result.stderr}`);
      t.diagnostic(`RUN (npm ci + prune) ${(result.ms / 1000).toFixed(1)} s`);
    }
    const bin = path.join(context, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6');
    assert.deepEqual(await readdir(bin), ['linux']);
    assert.deepEqual(await readdir(path.join(bin, 'linux')), ['x64']);

    // CMD as USER node would run it (uid 1000 when the test runs as root), with a private TMPDIR
    // and the folder snapshot: the server must write nothing anywhere.
    const port = await freePort();
    const tmp = await temp.make();
    await chmod(tmp, 0o777);
    const before = await snapshot(context);
    const asNode = process.getuid?.() === 0 ? { uid: 1000, gid: 1000 } : {};
    const cmd = JSON.parse(only(instructions, 'CMD')[0]?.args ?? '[]') as string[];
    const serverEnv = { ...env, HOST: '127.0.0.1', PORT: String(port), TMPDIR: tmp };
    const app = await startApp(cmd, context, serverEnv, port, asNode);
    t.diagnostic(`CMD start to /ping ${app.startToPingMs} ms`);
    const healthcheck = JSON.parse(/CMD (\[.*\])$/.exec(only(instructions, 'HEALTHCHECK')[0]?.args ?? '')?.[1] ?? '[]') as string[];
    const [program, ...healthArgs] = healthcheck;
    assert.equal(program, 'node');
    try {
      const expected = expectedForest();
      const response = await fetch(`${app.url}/predict`, { method: 'POST', body: JSON.stringify(expected.rows) });
      const { predict } = (await response.json()) as { predict: number[] };
      predict.forEach((value, index) => assert.ok(closeToFloat32(value, expected.onnx_float32_latest_model[index] ?? NaN)));
      const healthy = await run(process.execPath, healthArgs, { cwd: context, env: serverEnv });
      assert.equal(healthy.code, 0, `HEALTHCHECK failed:\n${healthy.stderr}`);
    } finally {
      assert.equal(await app.stop(), 0, app.stderr());
    }
    const unhealthy = await run(process.execPath, healthArgs, { cwd: context, env: serverEnv });
    assert.equal(unhealthy.code, 1, 'HEALTHCHECK fails once the server is gone');
    assert.deepEqual(await snapshot(context), before, 'the server wrote nothing in its folder');
    assert.deepEqual(await readdir(tmp), [], 'nor in TMPDIR');
  });

  test('write-docker refuses to replace files without --overwrite; with it, board/ holds only the new version', async () => {
    const dockerfileBefore = await stat(path.join(dockerDir, 'Dockerfile'));
    const refused = await pinwheel(['write-docker', 'ads_rf', '--board', boardDir, '--out', dockerDir]);
    assertUserError(refused, `${path.join(dockerDir, 'app.js')} already exists`, '--overwrite');
    assert.equal((await stat(path.join(dockerDir, 'Dockerfile'))).mtimeMs, dockerfileBefore.mtimeMs);
    const newer = await pinForest(board, 'ads_rf', { forceIdentical: true });
    const again = (await pinwheelJson(['write-docker', 'ads_rf', '--board', boardDir, '--out', dockerDir, '--overwrite'])) as { version: string };
    assert.equal(again.version, newer);
    assert.deepEqual(await readdir(path.join(dockerDir, 'board', 'ads_rf')), [newer]);
  });

  test('write-k8s: Deployment with v2 health probes, resources and non-root; Service 80 → 8080; autoscaler; kustomization', async () => {
    const out = path.join(await temp.make(), 'k8s');
    const written = (await pinwheelJson(['write-k8s', 'ads_rf', '--version', version, '--replicas', '2', '--board', boardDir, '--out', out])) as { files: string[]; image: string };
    assert.equal(written.image, docker.image, 'the image write-docker suggests');
    const load = async (file: string) => parse(await readFile(path.join(out, file), 'utf8'), { version: '1.1' }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const [deployment, service, hpa, kustomization] = await Promise.all(['deployment.yaml', 'service.yaml', 'hpa.yaml', 'kustomization.yaml'].map(load));
    assert.ok(deployment && service && hpa && kustomization);

    assert.equal(deployment.kind, 'Deployment');
    const pod = deployment.spec.template;
    const container = pod.spec.containers[0];
    assert.equal(container.image, docker.image);
    assert.deepEqual(container.ports, [{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    assert.deepEqual(container.readinessProbe.httpGet, { path: '/v2/health/ready', port: 'http' });
    assert.deepEqual(container.livenessProbe.httpGet, { path: '/v2/health/live', port: 'http' });
    assert.deepEqual(container.resources.requests, { cpu: '250m', memory: '256Mi' });
    assert.ok(container.resources.limits.cpu && container.resources.limits.memory);
    assert.deepEqual((container as unknown as { lifecycle: unknown }).lifecycle, { preStop: { exec: { command: ['sleep', '5'] } } }, 'out of the Service before SIGTERM');
    assert.equal(container.securityContext.readOnlyRootFilesystem, true);
    assert.equal(container.securityContext.allowPrivilegeEscalation, false);
    // runAsNonRoot needs a numeric user: the image's USER is the name "node".
    assert.equal(pod.spec.securityContext.runAsNonRoot, true);
    assert.equal(pod.spec.securityContext.runAsUser, 1000);
    for (const variable of container.env) assert.equal(typeof variable.value, 'string', `env ${variable.name} is a string for kubectl's YAML 1.1`);
    assert.equal(pod.metadata.labels['pinwheel.model'], 'ads_rf');
    assert.equal(pod.metadata.labels['pinwheel.version'], version);
    for (const [key, value] of Object.entries(deployment.spec.selector.matchLabels)) assert.equal(pod.metadata.labels[key], value, 'the selector matches the pods');

    assert.deepEqual({ type: service.spec.type, port: service.spec.ports[0].port, targetPort: service.spec.ports[0].targetPort }, { type: 'ClusterIP', port: 80, targetPort: 'http' });
    for (const [key, value] of Object.entries(service.spec.selector)) assert.equal(pod.metadata.labels[key], value, 'the Service selects the pods');

    assert.equal(hpa.apiVersion, 'autoscaling/v2');
    assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas, hpa.spec.metrics[0].resource.target.averageUtilization], [2, 5, 70]);

    assert.deepEqual(kustomization.resources, ['deployment.yaml', 'service.yaml', 'hpa.yaml']);
    for (const document of [deployment, service, hpa]) {
      assert.match(document.metadata.name, DNS_LABEL);
      assert.ok(document.metadata.name.length <= 63);
      for (const value of Object.values(document.metadata.labels) as string[]) assert.match(value, LABEL_VALUE);
    }
    assert.match(await readFile(path.join(out, 'README.md'), 'utf8'), /docker push/);
  });

  test('write-k8s: a pin name that cannot name Kubernetes objects is refused with --app-name as the way out', async () => {
    await pinForest(board, '2021_rf');
    const out = path.join(await temp.make(), 'k8s');
    assertUserError(await pinwheel(['write-k8s', '2021_rf', '--board', boardDir, '--out', out]), 'The pin name "2021_rf" cannot become a Kubernetes name', 'start with a lowercase letter', '--app-name rf');
    // An image Kubernetes could never pull is refused before anything is written.
    assertUserError(await pinwheel(['write-k8s', '2021_rf', '--app-name', 'rf-2021', '--image', 'Bad Image!', '--board', boardDir, '--out', out]), '--image "Bad Image!" is not a Docker image reference');
    const written = (await pinwheelJson(['write-k8s', '2021_rf', '--app-name', 'rf-2021', '--board', boardDir, '--out', out])) as { appName: string };
    assert.equal(written.appName, 'rf-2021');
  });

  test('a pickle (vetiver-python joblib pin) is refused: Pinwheel serves ONNX, and how to export', async () => {
    const pythonBoard = fixturePath('pins-python-written');
    for (const command of ['write-app', 'write-docker', 'write-k8s']) {
      const out = path.join(await temp.make(), 'out');
      assertUserError(await pinwheel([command, 'ads_rf', '--board', pythonBoard, '--out', out]), 'Pin "ads_rf"', 'cannot be served', 'Pinwheel serves ONNX', 'skl2onnx', 'pinwheel pin-model');
      await assert.rejects(stat(out), 'nothing is written');
    }
    assertUserError(await pinwheel(['write-app', 'ads_rf', '--board', boardDir]), '--out is required');
  });
});
