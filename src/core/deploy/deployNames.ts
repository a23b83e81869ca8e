// The names a deployment derives from a pin: Kubernetes object names, label values, the
// container image and the app's npm package name. Each has its own rules; a pin name such as
// "ads_rf" fits none of them as it is.
import { PinsError } from '../pins/index.js';

/** DNS-1035 label: what a Service name must be, and so the strictest rule the Deployment, Service and HPA share. */
const KUBERNETES_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const MAX_KUBERNETES_NAME = 63;

function kubernetesNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > MAX_KUBERNETES_NAME) return `it is ${name.length} characters long, more than ${MAX_KUBERNETES_NAME}`;
  if (!/^[a-z]/.test(name)) return 'it must start with a lowercase letter';
  if (/[^-a-z0-9]/.test(name)) return `it may only hold lowercase letters, digits and '-' (it has ${JSON.stringify(name.match(/[^-a-z0-9]/)?.[0])})`;
  if (!KUBERNETES_NAME.test(name)) return "it must end with a letter or a digit";
  return undefined;
}

function suggestKubernetesName(text: string): string {
  const cleaned = text.toLowerCase().replace(/[^-a-z0-9]+/g, '-').replace(/^[^a-z]+/, '').slice(0, MAX_KUBERNETES_NAME).replace(/-+$/, '');
  return cleaned === '' ? 'model-api' : cleaned;
}

/** Checks a name given for the Kubernetes objects (--app-name). */
export function checkKubernetesName(name: string): string {
  const problem = kubernetesNameProblem(name);
  if (problem) {
    throw new PinsError('invalid-name', `"${name}" cannot name Kubernetes objects: ${problem} (Kubernetes names are DNS labels: lowercase letters, digits and '-', starting with a letter, at most 63 characters). Try --app-name ${suggestKubernetesName(name)}.`);
  }
  return name;
}

/** The Kubernetes name for a pin: lowercased, '_' → '-' (ads_rf → ads-rf); refused with a suggestion when that is not enough. */
export function kubernetesNameForPin(pinName: string): string {
  const candidate = pinName.toLowerCase().replace(/_/g, '-');
  const problem = kubernetesNameProblem(candidate);
  if (problem) {
    throw new PinsError('invalid-name', `The pin name "${pinName}" cannot become a Kubernetes name ("${candidate}": ${problem}; Kubernetes names are DNS labels: lowercase letters, digits and '-', starting with a letter, at most 63 characters). Name the objects with --app-name, e.g. --app-name ${suggestKubernetesName(pinName)}.`);
  }
  return candidate;
}

/**
 * A valid label value (at most 63 of [A-Za-z0-9_.-], starting and ending with a letter or a
 * digit) as close to `text` as possible; the exact text goes into an annotation beside it.
 */
export function labelValue(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 63).replace(/[^A-Za-z0-9]+$/, '');
}

export function isLabelValue(text: string): boolean {
  return text.length <= 63 && /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/.test(text);
}

/** Lowercase letters and digits separated by single '-': valid as an image repository and an npm name. */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** The default image for a pin version: `<name>:<version>`, both made valid (ads_rf:20261126T050938Z-9404b → ads-rf:20261126t050938z-9404b). */
export function defaultImageName(pinName: string, version: string): string {
  const repository = slug(pinName) || 'pinwheel-model';
  const tag = version.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[.-]+/, '').slice(0, 128) || 'latest';
  return `${repository}:${tag}`;
}

/** The app's npm package name. */
export function appPackageName(pinName: string): string {
  const name = slug(pinName);
  return name ? `pinwheel-app-${name}`.slice(0, 214) : 'pinwheel-app';
}
