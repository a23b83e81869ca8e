// write-app, write-docker, write-k8s: thin layers over src/core/deploy, which writes the files (writeApp.run.ts).
import type { OptionSpec } from '../args.js';
import type { Command } from '../command.js';

const NAME_ARG = { name: 'NAME', required: true, description: 'the model pin (an ONNX model pinned with pin-model, or an .onnx file pin)' };

const COMMON: Record<string, OptionSpec> = {
  version: { type: 'string', value: 'V', example: '20261126T050936Z-5e16d', description: 'the pin version to serve (default: the latest now; it stays fixed when newer versions are pinned)' },
  out: { type: 'string', value: 'DIR', example: './ads_rf-app', required: true, description: 'the folder to write (created if missing)' },
  overwrite: { type: 'boolean', description: 'replace the files a previous write left in DIR (without it, an existing file is an error)' },
};

export const writeAppCommand: Command = {
  name: 'write-app',
  summary: 'write a folder that serves a model pin version as a predict API (npm ci && node app.js)',
  positionals: [NAME_ARG],
  options: COMMON,
  details:
    "The folder holds app.js, pinwheel-app.json (board, pin, version), Pinwheel's server bundle in server/, and a package.json " +
    'with a package-lock.json that locks onnxruntime-node to the exact version and hashes Pinwheel uses (made without the network). ' +
    'The app reads the model from the board folder, so that folder must be reachable where the app runs; for a self-contained image use write-docker. ' +
    'The pin must be servable: an ONNX model; pickles and R models are refused with how to export them to ONNX. ' +
    'Settings can be overridden with PINWHEEL_BOARD, PINWHEEL_PIN, PINWHEEL_PIN_VERSION, HOST, PORT and PINWHEEL_BODY_LIMIT (see the README.md written).',
  jsonShape: '{"out": string (absolute folder), "files": [string, …] (relative to out), "name": string, "version": string}',
  examples: ['pinwheel write-app ads_rf --out ./ads_rf-app --board ./my-board', 'pinwheel write-app ads_rf --version 20261126T050936Z-5e16d --out ./ads_rf-app --overwrite --board ./my-board'],
  load: async () => (await import('./writeApp.run.js')).runWriteApp,
};

export const writeDockerCommand: Command = {
  name: 'write-docker',
  summary: 'write a self-contained Docker build context serving a model pin version',
  positionals: [NAME_ARG],
  options: COMMON,
  details:
    'Writes what write-app writes, plus board/ (a one-pin board holding a copy of the version, so the image needs no access to your board), ' +
    'a Dockerfile (node:20-slim, dependencies from the lockfile with onnxruntime kept only for the target architecture, non-root user node, ' +
    'HOST=0.0.0.0 PORT=8080, a HEALTHCHECK on /ping) and a .dockerignore. Build with BuildKit (the default builder since Docker 23); ' +
    'images for linux/amd64 and linux/arm64.',
  jsonShape: '{"out": string, "files": [string, …], "name": string, "version": string, "image": string (the suggested image name)}',
  examples: ['pinwheel write-docker ads_rf --out ./ads_rf-image --board ./my-board', 'docker build -t ads-rf:latest ./ads_rf-image'],
  load: async () => (await import('./writeApp.run.js')).runWriteDocker,
};

export const writeK8sCommand: Command = {
  name: 'write-k8s',
  summary: 'write Kubernetes manifests (Deployment, Service, autoscaler) for a model pin version',
  positionals: [NAME_ARG],
  options: {
    ...COMMON,
    out: { ...(COMMON.out as OptionSpec), example: './ads_rf-k8s' },
    image: { type: 'string', value: 'IMAGE', example: 'registry.example.com/ads-rf:1', description: 'the image to run (default: NAME:VERSION made valid, the name write-docker suggests)' },
    replicas: { type: 'string', value: 'N', example: '2', description: 'the fewest pods to run (default 1); the autoscaler adds more up to max(5, N) above 70% CPU' },
    'app-name': { type: 'string', value: 'NAME', example: 'ads-rf', description: "the name of the Deployment, Service and autoscaler (default: the pin name lowercased, '_' as '-')" },
  },
  details:
    'Writes deployment.yaml (probes on /v2/health/ready and /v2/health/live, requests 250m CPU / 256Mi, non-root, read-only root file system), ' +
    'service.yaml (ClusterIP, port 80 to 8080), hpa.yaml and kustomization.yaml. Manifests only: build and push the image first ' +
    '(write-docker, docker build, docker push), then deploy with kubectl apply -k DIR.',
  jsonShape: '{"out": string, "files": [string, …], "name": string, "version": string, "image": string, "appName": string}',
  examples: ['pinwheel write-k8s ads_rf --image registry.example.com/ads-rf:1 --out ./ads_rf-k8s --board ./my-board', 'kubectl apply -k ./ads_rf-k8s'],
  load: async () => (await import('./writeApp.run.js')).runWriteK8s,
};
