// The public face of deployment: writing an app folder, a Docker build context and Kubernetes
// manifests for a model pin version, and the settings the written app reads.
export { writeApp } from './writeApp.js';
export type { WriteAppOptions, WrittenFolder } from './writeApp.js';
export { writeDocker } from './writeDocker.js';
export type { WriteDockerOptions, WrittenDockerFolder } from './writeDocker.js';
export { writeK8s } from './writeK8s.js';
export type { WriteK8sOptions, WrittenK8sFolder } from './writeK8s.js';
export { APP_ENV, appSettingsFromEnv } from './appSettings.js';
export type { AppSettings, AppSettingsResult } from './appSettings.js';
export { defaultImageName, isLabelValue } from './deployNames.js';
export { locatePinwheelInstall } from './pinwheelInstall.js';
export type { PinwheelInstall } from './pinwheelInstall.js';
