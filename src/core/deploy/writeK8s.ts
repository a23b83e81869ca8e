// `pinwheel write-k8s`: Kubernetes manifests for the image `pinwheel write-docker` describes.
// Only manifests: the image is built and pushed with Docker (the README written says how).
import path from 'node:path';
import { PinsError, type Board } from '../pins/index.js';
import { checkKubernetesName, defaultImageName, kubernetesNameForPin } from './deployNames.js';
import { k8sManifests, K8S_FILES } from './k8sManifests.js';
import { writeOutputFolder } from './outputFolder.js';
import { resolveServedPin } from './servedPin.js';
import type { WrittenFolder } from './writeApp.js';

export interface WriteK8sOptions {
  board: Board;
  name: string;
  version?: string;
  outDir: string;
  /** Default `<name>:<version>` made valid, as write-docker names it. */
  image?: string;
  /** The fewest pods (default 1); the autoscaler adds up to max(5, replicas). */
  replicas?: number;
  /** The name of the Deployment, Service and autoscaler (default: from the pin name). */
  appName?: string;
  overwrite?: boolean;
  cwd?: string;
}

export interface WrittenK8sFolder extends WrittenFolder {
  image: string;
  appName: string;
}

function k8sReadme(options: { pin: string; version: string; image: string; appName: string }): string {
  return `# ${options.appName}: Kubernetes manifests for the model pin ${options.pin}

Written by \`pinwheel write-k8s\` for version \`${options.version}\` of the model pin \`${options.pin}\`.
These are manifests only: the image \`${options.image}\` must be built and pushed first.

\`\`\`sh
pinwheel write-docker ${options.pin} --version ${options.version} --board BOARD --out ./image
docker build -t REGISTRY/${options.image} ./image && docker push REGISTRY/${options.image}
# put REGISTRY/${options.image} in deployment.yaml (or pass --image to write-k8s), then:
kubectl apply -k .
kubectl port-forward service/${options.appName} 8080:80   # then: curl http://127.0.0.1:8080/ping
\`\`\`

- \`deployment.yaml\`: the server, probed on \`/v2/health/ready\` and \`/v2/health/live\`; non-root
  (uid 1000, the image's \`node\` user), read-only root file system, requests 250m CPU / 256Mi.
- \`service.yaml\`: a ClusterIP Service, port 80 to the container's 8080.
- \`hpa.yaml\`: scales on CPU (70%); set \`minReplicas\` / \`maxReplicas\` there.
- \`kustomization.yaml\`: lists them, for \`kubectl apply -k\`.

To serve another version, build its image with write-docker and change \`image\` in deployment.yaml.
`;
}

export async function writeK8s(options: WriteK8sOptions): Promise<WrittenK8sFolder> {
  const appName = options.appName === undefined ? kubernetesNameForPin(options.name) : checkKubernetesName(options.appName);
  const minReplicas = options.replicas ?? 1;
  if (!Number.isSafeInteger(minReplicas) || minReplicas < 1) {
    throw new PinsError('invalid-argument', `replicas must be a whole number of at least 1, got ${minReplicas}.`);
  }
  const pin = await resolveServedPin(options.board, options.name, options.version);
  const image = options.image ?? defaultImageName(pin.name, pin.version);
  // [registry[:port]/]path[:tag][@digest], as Docker parses references; anything else fails at pull time.
  if (!/^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/.test(image)) {
    throw new PinsError('invalid-argument', `--image ${JSON.stringify(image)} is not a Docker image reference: use lowercase [registry/]name[:tag], e.g. registry.example.com/ads-rf:20261126t050938z-9404b.`);
  }
  const out = path.resolve(options.cwd ?? process.cwd(), options.outDir);
  const manifests = k8sManifests({ appName, pin: pin.name, version: pin.version, image, minReplicas });
  const planned = [
    ...K8S_FILES.map((file) => ({ path: file, content: manifests[file] })),
    { path: 'README.md', content: k8sReadme({ pin: pin.name, version: pin.version, image, appName }) },
  ];
  const files = await writeOutputFolder(out, planned, { overwrite: options.overwrite ?? false });
  return { out, files, name: pin.name, version: pin.version, image, appName };
}
