/**
 * A diagnostics report for a page an adapter can no longer read: which
 * selectors match how often, and the outline of the page's structure. It holds
 * no customer text and no attribute values but element kinds, so an agent can
 * paste it into a support ticket.
 */
import type { Site } from '../types';
import type { SiteAdapter } from './types';

export interface OutlineNode {
  tag: string;
  testId?: string;
  role?: string;
  classes?: string;
  children?: OutlineNode[];
  more?: number;
}

export interface DiagnosticsReport {
  kind: 'deskmate-diagnostics';
  version: 1;
  adapter: Site;
  /** Origin and path, with every run of digits replaced: no ticket numbers. */
  page: string;
  activeTicket: 'found' | 'none' | 'error';
  failure?: { selector: string };
  selectors: { name: string; fallbacks: { css: string; inDocument: number; inTicket: number | null }[] }[];
  outline: OutlineNode | null;
}

const KEEP_CLASS = /^[a-zA-Z][\w-]{1,40}$/;
const MAX_CHILDREN = 12;

function outline(el: Element, depth: number): OutlineNode {
  const node: OutlineNode = { tag: el.tagName.toLowerCase() };
  const testId = el.getAttribute('data-test-id') ?? el.getAttribute('data-testid');
  if (testId) node.testId = testId.slice(0, 80);
  const role = el.getAttribute('role');
  if (role) node.role = role.slice(0, 40);
  const classes = [...el.classList].filter((c) => KEEP_CLASS.test(c)).slice(0, 4).join(' ');
  if (classes) node.classes = classes;
  const kids = [...el.children].filter((c) => !['SCRIPT', 'STYLE', 'TEMPLATE', 'SVG', 'svg'].includes(c.tagName));
  const root = el.shadowRoot ? [...el.shadowRoot.children] : [];
  const children = [...root, ...kids];
  if (depth > 0 && children.length) {
    node.children = children.slice(0, MAX_CHILDREN).map((c) => outline(c, depth - 1));
    if (children.length > MAX_CHILDREN) node.more = children.length - MAX_CHILDREN;
  } else if (children.length) {
    node.more = children.length;
  }
  return node;
}

function count(root: ParentNode, css: string): number {
  try {
    return root.querySelectorAll(css).length;
  } catch {
    return -1;
  }
}

export function diagnose(adapter: SiteAdapter, doc: Document, failure?: { selector: string }): DiagnosticsReport {
  let active: 'found' | 'none' | 'error' = 'none';
  let root: Element | null = null;
  try {
    const ticket = adapter.activeTicket(doc);
    if (ticket) {
      active = 'found';
      root = ticket.root;
    }
  } catch {
    active = 'error';
  }
  const location = doc.location;
  return {
    kind: 'deskmate-diagnostics',
    version: 1,
    adapter: adapter.id,
    page: location ? `${location.origin}${location.pathname}`.replace(/\d+/g, 'N') : '',
    activeTicket: active,
    ...(failure ? { failure } : {}),
    selectors: Object.values(adapter.selectors).map((spec) => ({
      name: spec.name,
      fallbacks: spec.css.map((css) => ({ css, inDocument: count(doc, css), inTicket: root ? count(root, css) : null })),
    })),
    outline: root ? outline(root, 8) : doc.body ? outline(doc.body, 6) : null,
  };
}
