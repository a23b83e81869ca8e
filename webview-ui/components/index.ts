// Our webview building blocks: apps import from here, never from the toolkit.
export { badge, button, dataGrid, divider, h, progressRing, tabs, tag } from './elements.js';
export type { GridColumn, Tab } from './elements.js';
export { connectToHost } from './hostConnection.js';
export type { HostConnection } from './hostConnection.js';
