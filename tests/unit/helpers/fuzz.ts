/**
 * Seeded DOM fuzzing for the site adapters (issue 3): a deterministic PRNG,
 * random structural mutations of a loaded page that can be undone exactly
 * (so one parsed page serves hundreds of runs), and the provenance needed to
 * tell a wrong attribution from content the mutation physically moved.
 *
 * Nothing here knows a particular site: the test file supplies the fixtures.
 */

import { mulberry32 } from '../../helpers/prng';

export { mulberry32 };

/** A 32-bit seed from any parts (FNV-1a), so each run's seed is stable and printable. */
export function seedFrom(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;
  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[this.int(items.length)]!;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  /** A token that matches no selector, no ticket id and no message text. */
  garbage(): string {
    return `fuzz${this.int(0x7fffffff).toString(36)}`;
  }
}

// ---------------------------------------------------------------------------
// The composed tree: light DOM plus open shadow roots and declarative shadow
// root templates (happy-dom leaves `<template shadowrootmode>` inert, and the
// Salesforce adapter reads its content).

function innerRoot(el: Element): DocumentFragment | null {
  if (el.shadowRoot) return el.shadowRoot;
  if (el.tagName === 'TEMPLATE') return (el as HTMLTemplateElement).content;
  return null;
}

/** Every element under `root` (not `root` itself), in document order, entering templates and shadow roots. */
export function composedElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  const visit = (node: ParentNode) => {
    for (const child of node.children) {
      out.push(child);
      visit(child);
      const inner = innerRoot(child);
      if (inner) visit(inner);
    }
  };
  visit(root);
  return out;
}

/** Fragment (template content, shadow root) → the element that hosts it, for the current tree. */
export function hostMap(doc: Document): Map<Node, Element> {
  const map = new Map<Node, Element>();
  for (const el of composedElements(doc)) {
    const inner = innerRoot(el);
    if (inner) map.set(inner, el);
  }
  return map;
}

/** Whether `node` is `ancestor` or lies under it, crossing template and shadow boundaries. */
export function composedContains(ancestor: Node, node: Node, hosts: Map<Node, Element>): boolean {
  for (let n: Node | null = node; n; ) {
    if (n === ancestor) return true;
    n = n.parentNode ?? hosts.get(n) ?? null;
  }
  return false;
}

/** Whitespace removed. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

// ---------------------------------------------------------------------------
// Mutations, each with an exact inverse.

export const MUTATION_KINDS = ['remove', 'attribute', 'reorder', 'duplicate', 'move', 'text'] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/**
 * Attributes the adapters (or the page's own notion of "in front") depend on:
 * the issue's list, plus what decides visibility and selection in the fixtures.
 */
export const KEY_ATTRIBUTES = [
  'data-test-id', 'class', 'type', 'data-ticket-id', 'aria-selected', 'aria-expanded', 'role', 'datetime', 'value',
  'style', 'hidden', 'aria-hidden', 'aria-current', 'aria-controls', 'id', 'data-entity-id', 'data-entity-is-selected',
  'data-comment-id', 'data-id', 'data-type', 'data-target-selection-name', 'slot', 'shadowrootmode', 'title',
] as const;
const KEY_ATTRIBUTE_SET = new Set<string>(KEY_ATTRIBUTES);

/** Values that flip a page's notion of selected / expanded / visible, rather than breaking a selector. */
const FLIPS: Record<string, readonly (string | null)[]> = {
  'aria-selected': ['true', 'false', null],
  'aria-expanded': ['true', 'false', null],
  'aria-hidden': ['true', 'false', null],
  'aria-current': ['page', 'false', null],
  'data-entity-is-selected': ['true', 'false', null],
  hidden: ['', null],
  style: ['', 'display:none', 'visibility: hidden', 'position: absolute; left: -10000px; top: 0px;', null],
};
/** Attributes a mutation may add to an element that lacks them (make it look selected, active or hidden). */
const ADDABLE: readonly [string, readonly string[]][] = [
  ['style', ['display:none', 'visibility: hidden', '']],
  ['hidden', ['']],
  ['aria-hidden', ['true', 'false']],
  ['aria-selected', ['true']],
  ['aria-expanded', ['true']],
  ['aria-current', ['page']],
  ['class', ['active', 'slds-is-active']],
];

/** Kinds that change what a deciding element says (mutateElement), with their odds. */
const DECISIVE_KINDS: readonly [MutationKind, number][] = [
  ['attribute', 0.45],
  ['remove', 0.2],
  ['move', 0.15],
  ['duplicate', 0.1],
  ['text', 0.1],
];

export interface AppliedMutation {
  kind: MutationKind;
  /** Human-readable, for the failure message (the seed is what reproduces it). */
  detail: string;
}

/** A short, recognisable name for an element in a failure message. */
export function describeElement(el: Element): string {
  let s = el.tagName.toLowerCase();
  if (el.id) s += `#${el.id}`;
  const cls = (el.getAttribute('class') ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 2);
  if (cls.length) s += `.${cls.join('.')}`;
  for (const a of ['data-test-id', 'data-ticket-id', 'data-comment-id', 'data-id', 'data-target-selection-name', 'role']) {
    const v = el.getAttribute(a);
    if (v !== null) s += `[${a}="${v.length > 40 ? `${v.slice(0, 40)}…` : v}"]`;
  }
  return s;
}

export interface MutatorOptions {
  /**
   * Preferred targets, tried in order: with probability `weight` a target is
   * drawn from `elements` (pristine elements; copies count as their source).
   * Otherwise, any element of the page.
   */
  tiers: readonly { elements: ReadonlySet<Element>; weight: number }[];
  /** Ticket that owns each pristine element (its pane / panel), if any. */
  originTicket: ReadonlyMap<Element, string>;
  /** Attributes an attribute mutation picks first (70 %) when the element has any. */
  preferredAttributes?: ReadonlySet<string>;
}

/**
 * Applies random mutations to a live document and undoes them in reverse
 * order. Clones made by `duplicate` are traced back to the pristine element
 * they copy, so provenance survives duplication.
 */
export class Mutator {
  private readonly undo: (() => void)[] = [];
  /** The element the next target() returns, if it qualifies (mutateElement). */
  private forced: Element | null = null;
  /** Clone → the pristine element it copies. */
  readonly source = new Map<Element, Element>();
  readonly applied: AppliedMutation[] = [];

  constructor(
    private readonly doc: Document,
    private readonly rng: Rng,
    private readonly options: MutatorOptions,
  ) {}

  /** The pristine element `el` is, or is a copy of. */
  sourceOf(el: Element): Element {
    return this.source.get(el) ?? el;
  }

  origin(el: Element): string | undefined {
    return this.options.originTicket.get(this.sourceOf(el));
  }

  private label(el: Element): string {
    const o = this.origin(el);
    return `${describeElement(el)}${this.source.has(el) ? ' (a copy)' : ''}${o ? ` in ${o}` : ''}`;
  }

  private pool(): Element[] {
    return composedElements(this.doc.body);
  }

  private target(pool: readonly Element[], filter?: (e: Element) => boolean): Element | null {
    const candidates = filter ? pool.filter(filter) : pool;
    const forced = this.forced;
    this.forced = null;
    if (forced && candidates.includes(forced)) return forced;
    if (candidates.length === 0) return null;
    const roll = this.rng.float();
    let acc = 0;
    for (const tier of this.options.tiers) {
      acc += tier.weight;
      if (roll >= acc) continue;
      const preferred = candidates.filter((e) => tier.elements.has(this.sourceOf(e)));
      if (preferred.length > 0) return this.rng.pick(preferred);
      break;
    }
    return this.rng.pick(candidates);
  }

  /** Applies one random mutation; returns false when the chosen kind had no target. */
  mutateOnce(kind: MutationKind = this.rng.pick(MUTATION_KINDS)): boolean {
    const pool = this.pool();
    switch (kind) {
      case 'remove':
        return this.remove(pool);
      case 'attribute':
        return this.attribute(pool);
      case 'reorder':
        return this.reorder(pool);
      case 'duplicate':
        return this.duplicate(pool);
      case 'move':
        return this.move(pool);
      case 'text':
        return this.text(pool);
    }
  }

  /**
   * Applies one mutation that changes what `el` says about the ticket in
   * front: mostly its identity or visibility attributes, else removing,
   * moving, copying it or replacing its text. False when none applied.
   */
  mutateElement(el: Element): boolean {
    for (let attempt = 0; attempt < 5; attempt++) {
      let roll = this.rng.float();
      const kind = DECISIVE_KINDS.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'attribute';
      this.forced = el;
      if (this.mutateOnce(kind)) return true;
    }
    this.forced = null;
    return false;
  }

  /** Applies `count` mutations (retrying a kind that found no target). */
  mutate(count: number): AppliedMutation[] {
    let done = 0;
    for (let attempts = 0; done < count && attempts < count * 10; attempts++) if (this.mutateOnce()) done++;
    return this.applied;
  }

  /** Restores the document exactly as it was before the first mutation. */
  restore(): void {
    while (this.undo.length) this.undo.pop()!();
    this.source.clear();
    this.applied.length = 0;
  }

  /** Moves `el` under `parent` before `before` (targeted cases); undone by restore(). */
  moveTo(el: Element, parent: ParentNode, before: Node | null = null): void {
    const from = el.parentNode!;
    const next = el.nextSibling;
    const label = this.label(el);
    parent.insertBefore(el, before);
    this.record('move', `move ${label} into ${parent instanceof Element ? this.label(parent) : 'a fragment'}`, () => from.insertBefore(el, next));
  }

  /** Inserts a deep copy of `el` under `parent` before `before` (targeted cases); undone by restore(). */
  copyTo(el: Element, parent: ParentNode, before: Node | null = null): Element {
    const clone = el.cloneNode(true) as Element;
    this.traceClone(el, clone);
    parent.insertBefore(clone, before);
    this.record('duplicate', `copy ${this.label(el)} into ${parent instanceof Element ? this.label(parent) : 'a fragment'}`, () => clone.remove());
    return clone;
  }

  /** Sets (or, with null, removes) an attribute (targeted cases); undone by restore(). */
  setAttribute(el: Element, name: string, value: string | null): void {
    const saved = saveAttributes(el);
    const label = this.label(el);
    if (value === null) el.removeAttribute(name);
    else el.setAttribute(name, value);
    this.record('attribute', `set ${name}=${value === null ? '(removed)' : `"${value}"`} on ${label}`, () => restoreAttributes(el, saved));
  }

  private record(kind: MutationKind, detail: string, inverse: () => void) {
    this.applied.push({ kind, detail });
    this.undo.push(inverse);
  }

  private remove(pool: Element[]): boolean {
    const el = this.target(pool);
    if (!el?.parentNode) return false;
    const parent = el.parentNode;
    const next = el.nextSibling;
    const label = this.label(el);
    el.remove();
    this.record('remove', `remove ${label}`, () => parent.insertBefore(el, next));
    return true;
  }

  private attribute(pool: Element[]): boolean {
    // One time in five, add a meaningful attribute to any element (a second
    // "selected" tab, a hidden pane); otherwise change one it has.
    if (this.rng.chance(0.2)) {
      const el = this.target(pool);
      if (!el) return false;
      const [name, values] = this.rng.pick(ADDABLE);
      const old = el.getAttribute(name);
      const saved = saveAttributes(el);
      const label = this.label(el);
      const value = name === 'class' ? `${old ?? ''} ${this.rng.pick(values)}`.trim() : this.rng.pick(values);
      el.setAttribute(name, value);
      this.record('attribute', `set ${name}="${value}" on ${label}`, () => restoreAttributes(el, saved));
      return true;
    }
    const el = this.target(pool, (e) => [...e.attributes].some((a) => KEY_ATTRIBUTE_SET.has(a.name)));
    if (!el) return false;
    const names = [...el.attributes].map((a) => a.name).filter((n) => KEY_ATTRIBUTE_SET.has(n));
    const preferred = names.filter((n) => this.options.preferredAttributes?.has(n));
    const name = this.rng.pick(preferred.length > 0 && this.rng.chance(0.7) ? preferred : names);
    const old = el.getAttribute(name)!;
    const saved = saveAttributes(el);
    const label = this.label(el);
    const flips = FLIPS[name];
    const roll = this.rng.int(flips ? 4 : 3);
    let detail: string;
    if (roll === 3 && flips) {
      const value = this.rng.pick(flips.filter((v) => v !== old));
      if (value === null) el.removeAttribute(name);
      else el.setAttribute(name, value);
      detail = `flip ${name}="${old}" → ${value === null ? '(removed)' : `"${value}"`} on ${label}`;
    } else if (roll === 0) {
      el.removeAttribute(name);
      detail = `remove ${name}="${short(old)}" from ${label}`;
    } else if (roll === 1) {
      const renamed = `${name}-${this.rng.garbage()}`;
      el.removeAttribute(name);
      el.setAttribute(renamed, old);
      detail = `rename attribute ${name} → ${renamed} on ${label}`;
    } else {
      // Garbage value; for class, sometimes just one token.
      const tokens = old.trim().split(/\s+/).filter(Boolean);
      let value = this.rng.garbage();
      if (name === 'class' && tokens.length > 1 && this.rng.chance(0.6)) {
        const i = this.rng.int(tokens.length);
        value = tokens.map((t, j) => (j === i ? (this.rng.chance(0.5) ? this.rng.garbage() : '') : t)).filter(Boolean).join(' ');
      }
      el.setAttribute(name, value);
      detail = `set ${name}="${short(old)}" → "${value}" on ${label}`;
    }
    this.record('attribute', detail, () => restoreAttributes(el, saved));
    return true;
  }

  private reorder(pool: Element[]): boolean {
    const el = this.target(pool, (e) => !!e.parentNode && e.parentNode.children.length >= 2);
    if (!el) return false;
    const parent = el.parentNode!;
    const before = [...parent.childNodes];
    const elements = [...parent.children];
    const shuffled = this.rng.chance(0.5)
      ? this.rng.shuffle(elements)
      : // Move just this element to another place among its siblings.
        (() => {
          const rest = elements.filter((e) => e !== el);
          rest.splice(this.rng.int(rest.length + 1), 0, el);
          return rest;
        })();
    for (const e of shuffled) parent.appendChild(e);
    const label = this.label(el);
    this.record('reorder', `reorder the children of ${parent instanceof Element ? this.label(parent) : 'a fragment'} (around ${label})`, () =>
      parent.replaceChildren(...before),
    );
    return true;
  }

  private duplicate(pool: Element[]): boolean {
    const el = this.target(pool, (e) => !!e.parentNode);
    if (!el) return false;
    const clone = el.cloneNode(true) as Element;
    this.traceClone(el, clone);
    const after = this.rng.chance(0.5);
    if (after) el.after(clone);
    else el.before(clone);
    this.record('duplicate', `duplicate ${this.label(el)} (copy ${after ? 'after' : 'before'} it)`, () => clone.remove());
    return true;
  }

  private traceClone(original: Element, clone: Element) {
    this.source.set(clone, this.sourceOf(original));
    const a = [...original.children];
    const b = [...clone.children];
    for (let i = 0; i < Math.min(a.length, b.length); i++) this.traceClone(a[i]!, b[i]!);
    const ia = innerRoot(original);
    const ib = innerRoot(clone);
    if (ia && ib) {
      const ca = [...ia.children];
      const cb = [...ib.children];
      for (let i = 0; i < Math.min(ca.length, cb.length); i++) this.traceClone(ca[i]!, cb[i]!);
    }
  }

  private move(pool: Element[]): boolean {
    const el = this.target(pool, (e) => !!e.parentNode);
    if (!el) return false;
    const hosts = hostMap(this.doc);
    // Never into itself: composed, so a template inside `el` does not count as elsewhere.
    const container = this.target(pool, (c) => !composedContains(el, c, hosts));
    if (!container) return false;
    // A template's children live in its content (happy-dom redirects insertions there too).
    const into: ParentNode = container.tagName === 'TEMPLATE' ? (container as HTMLTemplateElement).content : container;
    const parent = el.parentNode!;
    const next = el.nextSibling;
    const label = this.label(el);
    const siblings = [...into.childNodes].filter((n) => n !== el);
    const at = siblings[this.rng.int(siblings.length + 1)] ?? null;
    into.insertBefore(el, at);
    this.record('move', `move ${label} into ${this.label(container)}`, () =>
      parent.insertBefore(el, next),
    );
    return true;
  }

  private text(pool: Element[]): boolean {
    const el = this.target(pool);
    if (!el) return false;
    const label = this.label(el);
    const value = `fuzz text ${this.rng.garbage()}`;
    const textNodes: Text[] = [];
    const walker = this.doc.createTreeWalker(el.tagName === 'TEMPLATE' ? (el as HTMLTemplateElement).content : el, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n.nodeValue ?? '').trim()) textNodes.push(n as Text);
    if (textNodes.length > 0 && this.rng.chance(0.6)) {
      const node = this.rng.pick(textNodes);
      const old = node.data;
      node.data = value;
      this.record('text', `change a text node "${short(old)}" → "${value}" in ${label}`, () => {
        node.data = old;
      });
    } else {
      const target: ParentNode = el.tagName === 'TEMPLATE' ? (el as HTMLTemplateElement).content : el;
      const before = [...target.childNodes];
      target.textContent = value;
      this.record('text', `replace the content of ${label} with "${value}"`, () => target.replaceChildren(...before));
    }
    return true;
  }
}

type SavedAttributes = [string, string][];

function saveAttributes(el: Element): SavedAttributes {
  return [...el.attributes].map((a) => [a.name, a.value]);
}

/** Puts back every attribute in its original order (order shows in serialisation and in later picks). */
function restoreAttributes(el: Element, saved: SavedAttributes) {
  for (const name of el.getAttributeNames()) el.removeAttribute(name);
  for (const [name, value] of saved) el.setAttribute(name, value);
}

function short(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 30 ? `${flat.slice(0, 30)}…` : flat;
}

/** The whole page as text, template content included: equal before and after a restore. */
export function snapshot(doc: Document): string {
  return doc.documentElement.outerHTML;
}
