/**
 * What the mock model answers: deterministic texts that echo something checkable from the
 * prompt (the task, the reply language, the citation numbers of the knowledge block), JSON
 * instances built from a JSON Schema, and hashed bag-of-words embeddings.
 */
import { fnv1a } from '../../lib/hash';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface ChatBody {
  messages?: { role: string; content: unknown }[];
}

const text = (c: unknown): string => (typeof c === 'string' ? c : Array.isArray(c) ? c.map((p) => (p as { text?: string }).text ?? '').join('') : '');

/** The facts of a prompt the reply echoes. */
export function readPrompt(body: ChatBody) {
  const user = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
  const content = text(user?.content);
  const knowledge = /<knowledge>([\s\S]*?)<\/knowledge>/.exec(content)?.[1] ?? '';
  return {
    content,
    task: [...content.matchAll(/^Task: ([\w-]+)/gm)].at(-1)?.[1] ?? 'chat',
    language: [...content.matchAll(/^Reply language: (en|zh-Hans|zh-Hant)\b/gm)].at(-1)?.[1] ?? 'en',
    citations: [...knowledge.matchAll(/^\[(\d+)\]/gm)].map((m) => Number(m[1])),
    variant2: /second variant/.test(content),
    block: (tag: string) => new RegExp(`<${tag}>\\n?([\\s\\S]*?)\\n?</${tag}>`).exec(content)?.[1] ?? '',
  };
}

const DRAFT: Record<string, { open: [string, string]; lines: string[] }> = {
  en: {
    open: ['Thank you for your patience, and I am sorry for the trouble.', 'Hi there, thanks for getting in touch about this.'],
    lines: ['Here is what we will do', 'I will keep you posted on the next step', 'You can also find the details here'],
  },
  'zh-Hans': {
    open: ['感谢您的耐心等待，给您带来不便非常抱歉。', '您好，感谢您联系我们。'],
    lines: ['我们会按照流程为您处理', '有进展我会第一时间通知您', '详细说明也可以在这里查看'],
  },
  'zh-Hant': {
    open: ['感謝您的耐心等候，造成不便非常抱歉。', '您好，感謝您聯絡我們。'],
    lines: ['我們會依照流程為您處理', '有進展我會第一時間通知您', '詳細說明也可以在這裡查看'],
  },
};

function draft(p: ReturnType<typeof readPrompt>): string {
  const d = DRAFT[p.language] ?? DRAFT.en!;
  const zh = p.language !== 'en';
  const out = [d.open[p.variant2 ? 1 : 0]];
  const cites = p.citations.length ? p.citations : [0];
  cites.forEach((n, i) => {
    const line = d.lines[Math.min(i, d.lines.length - 1)]!;
    out.push(`${line}${n ? `[${n}]` : ''}${zh ? '。' : '.'}`);
  });
  return out.join(zh ? '' : ' ');
}

function rewrite(kind: string, p: ReturnType<typeof readPrompt>): string {
  const t = p.block('text').trim();
  switch (kind) {
    case 'shorter':
      return t.split(/(?<=[.!?。！？])\s*/)[0] ?? t;
    case 'expand':
      return `${t} If anything else comes up, just reply here.`;
    case 'friendlier':
      return `Hi! ${t}`;
    case 'formal':
      return `Dear customer, ${t}`;
    case 'empathetic':
      return `I understand how frustrating this is. ${t}`;
    case 'grammar':
      return t.charAt(0).toUpperCase() + t.slice(1);
    case 'translate':
      return `[${p.language}] ${t}`;
    default:
      return `${t} (${/The agent's instruction: (.*)/.exec(p.content)?.[1] ?? ''})`;
  }
}

/** The assistant's text for a chat request. */
export function replyText(body: ChatBody): string {
  const p = readPrompt(body);
  if (p.task === 'draft') return draft(p);
  if (p.task.startsWith('rewrite-')) return rewrite(p.task.slice(8), p);
  if (p.task === 'summary') {
    const first = /<message from="customer">\n([^\n]*)/.exec(p.content)?.[1] ?? '';
    const n = (p.content.match(/<message from=/g) ?? []).length;
    return `Issue: ${first.slice(0, 80)}\nSteps: ${n} messages exchanged.\nOutcome: open.`;
  }
  return 'OK';
}

/** Pieces to stream: a Chinese character each, or a word with its leading space. */
export function tokenize(s: string): string[] {
  return s.match(/[\u3000-\u9fff\uff00-\uffef]|\s*[^\s\u3000-\u9fff\uff00-\uffef]+|\s+/g) ?? [];
}

/** A valid instance of a JSON Schema (the subset z.toJSONSchema produces). */
export function instanceOf(schema: Record<string, unknown>): Json {
  const s = schema as Record<string, any>;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (Array.isArray(s.anyOf)) return instanceOf(s.anyOf[0]);
  if (Array.isArray(s.oneOf)) return instanceOf(s.oneOf[0]);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries((s.properties ?? {}) as Record<string, Record<string, unknown>>).map(([k, v]) => [k, instanceOf(v)]));
    case 'array': {
      const n = Math.min(Math.max(s.minItems ?? 0, 1), s.maxItems ?? 1);
      return Array.from({ length: n }, () => instanceOf(s.items ?? {}));
    }
    case 'integer':
    case 'number': {
      const min = s.minimum ?? s.exclusiveMinimum ?? -Infinity;
      const max = s.maximum ?? s.exclusiveMaximum ?? Infinity;
      const want = type === 'integer' ? 4 : 0.8;
      return Math.min(Math.max(want, min), max);
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
      return 'mock '.repeat(Math.ceil((s.minLength ?? 4) / 5)).trim().padEnd(s.minLength ?? 0, 'x');
    default:
      return {};
  }
}

/** The JSON Schema a json_object / plain-text request carries in its prompt, if any. */
export function schemaInPrompt(body: ChatBody): Record<string, unknown> | null {
  for (const m of body.messages ?? []) {
    const block = /JSON Schema:\s*```json\s*([\s\S]*?)```/.exec(text(m.content))?.[1];
    if (block) {
      try {
        return JSON.parse(block) as Record<string, unknown>;
      } catch {
        return null;
      }
    }
  }
  return null;
}


/** Hashed bag of words (English words, Chinese characters and bigrams), L2-normalised: similar texts are close. */
export function embedText(s: string, dims = 64): number[] {
  const v = new Array<number>(dims).fill(0);
  const lower = s.toLowerCase();
  const words = lower.match(/[a-z0-9]+/g) ?? [];
  const han = lower.match(/[\u3400-\u9fff]/g) ?? [];
  const grams = [...words, ...han, ...han.slice(1).map((c, i) => han[i] + c)];
  for (const g of grams) v[fnv1a(g) % dims]! += 1;
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}
