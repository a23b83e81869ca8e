// Helpers that create our UI elements. Apps build their pages from these and plain HTML
// elements only, never from toolkit tags, so the toolkit stays swappable. Text is always set as
// text (never as HTML): pin metadata is user input.
import { registerComponents } from './registerComponents.js';

type Child = Node | string | null | undefined | false;

/** A plain HTML element with classes and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, options: { className?: string; title?: string; id?: string } = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.title) element.title = options.title;
  if (options.id) element.id = options.id;
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

function toolkitElement(tag: string, text?: string): HTMLElement {
  registerComponents();
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  return element;
}

// Badges and tags are our own spans, styled like the toolkit's (theme.css): the toolkit's
// vscode-badge and vscode-tag templates hold a style="" attribute, which a CSP without
// 'unsafe-inline' styles reports as a violation each time the template is compiled.

/** A small count or status, e.g. "latest". */
export function badge(text: string): HTMLElement {
  return h('span', { className: 'pw-badge' }, text);
}

/** A label such as the pin's type or a tag. */
export function tag(text: string): HTMLElement {
  return h('span', { className: 'pw-tag' }, text);
}

export function divider(): HTMLElement {
  const element = toolkitElement('vscode-divider');
  element.setAttribute('role', 'separator');
  return element;
}

export function progressRing(label: string): HTMLElement {
  const element = toolkitElement('vscode-progress-ring');
  element.setAttribute('aria-label', label);
  return element;
}

export function button(label: string, onClick: () => void, options: { appearance?: 'primary' | 'secondary' | 'icon'; title?: string } = {}): HTMLElement {
  const element = toolkitElement('vscode-button', label);
  element.setAttribute('appearance', options.appearance ?? 'secondary');
  if (options.title) element.title = options.title;
  element.addEventListener('click', onClick);
  return element;
}

export interface GridColumn {
  key: string;
  title: string;
}

/**
 * A read-only table. Cells are text; `widths` are CSS grid track sizes (e.g. "200px", "1fr"),
 * one per column.
 */
export function dataGrid(columns: GridColumn[], rows: Record<string, string>[], options: { label: string; widths?: string[] }): HTMLElement {
  const grid = toolkitElement('vscode-data-grid') as HTMLElement & {
    columnDefinitions: { columnDataKey: string; title: string }[];
    rowsData: Record<string, string>[];
    gridTemplateColumns?: string;
  };
  grid.setAttribute('aria-label', options.label);
  grid.setAttribute('generate-header', 'sticky');
  grid.columnDefinitions = columns.map((column) => ({ columnDataKey: column.key, title: column.title }));
  grid.rowsData = rows;
  if (options.widths) grid.setAttribute('grid-template-columns', options.widths.join(' '));
  return grid;
}

export interface Tab {
  id: string;
  title: string;
  /** A count shown beside the title, e.g. the number of files. */
  count?: number;
  content: Node;
}

/** Tabs; `onChange` gets the id of the tab the user opened (to keep it across reloads). */
export function tabs(items: Tab[], options: { active?: string; onChange?: (id: string) => void } = {}): HTMLElement {
  const panels = toolkitElement('vscode-panels');
  const active = items.some((item) => item.id === options.active) ? options.active : items[0]?.id;
  if (active) panels.setAttribute('activeid', `tab-${active}`);
  for (const item of items) {
    const tabElement = toolkitElement('vscode-panel-tab', item.title);
    tabElement.id = `tab-${item.id}`;
    if (item.count !== undefined) tabElement.append(badge(String(item.count)));
    panels.append(tabElement);
  }
  for (const item of items) {
    const view = toolkitElement('vscode-panel-view');
    view.id = `view-${item.id}`;
    view.append(item.content);
    panels.append(view);
  }
  panels.addEventListener('change', (event) => {
    if (event.target !== panels) return;
    const id = (panels as HTMLElement & { activeid?: string }).activeid;
    if (id && options.onChange) options.onChange(id.replace(/^tab-/, ''));
  });
  return panels;
}
