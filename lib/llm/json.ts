/**
 * Structured output that survives providers without it. First `response_format:
 * json_schema` (the schema from zod, strict when the schema allows it); a provider that
 * refuses that with a 400 is asked again with `json_object` and the schema written into
 * the prompt, and one that refuses that too gets plain text we parse. Whatever comes back
 * is validated with the same zod schema; an invalid answer gets one repair attempt
 * (the model sees its answer and what was wrong), then the fault is `invalid_json`.
 * The downgrade is remembered for the client's lifetime, so a provider is probed once.
 */
import { z } from 'zod';
import { fault, type FaultContext, type LlmFault } from './faults';
import type { StructuredOutput } from './presets';
import type { ChatMessage } from './prompts';

export type JsonResult<T> =
  | { ok: true; value: T; mode: StructuredOutput; repaired: boolean }
  | { ok: false; fault: LlmFault; /** The last answer, when there was one. */ raw?: string };

type CompleteText = (r: { messages: ChatMessage[]; signal?: AbortSignal; temperature?: number; maxTokens?: number; responseFormat?: object }) => Promise<
  { ok: true; text: string } | { ok: false; fault: LlmFault }
>;

/** The JSON Schema of a zod schema, as response_format and the prompt carry it. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  return rest;
}

/** OpenAI's strict mode wants every property required and no additional ones, at every level. */
function strictCompatible(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(strictCompatible);
  if (!node || typeof node !== 'object') return true;
  const o = node as Record<string, unknown>;
  if (o.type === 'object' && o.properties) {
    const keys = Object.keys(o.properties as object);
    const required = new Set((o.required as string[] | undefined) ?? []);
    if (o.additionalProperties !== false || !keys.every((k) => required.has(k))) return false;
  }
  return Object.values(o).every(strictCompatible);
}

/** The schema written into the last user turn, for providers without json_schema. */
export function withSchemaInstruction(messages: ChatMessage[], schema: Record<string, unknown>): ChatMessage[] {
  const note = `Reply with one JSON object only, no other text, matching this JSON Schema:\n\`\`\`json\n${JSON.stringify(schema)}\n\`\`\``;
  const last = messages.length - 1;
  return messages.map((m, i) => (i === last ? { ...m, content: `${m.content}\n\n${note}` } : m));
}

/** Parses a model's answer: bare JSON, JSON in a ``` fence, or the outermost {…} in prose. */
export function parseJsonAnswer<S extends z.ZodType>(text: string, schema: S): { ok: true; value: z.infer<S> } | { ok: false; problem: string } {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1];
  const start = text.indexOf('{');
  const candidate = fenced ?? (start >= 0 ? text.slice(start, text.lastIndexOf('}') + 1) : text);
  let data: unknown;
  try {
    data = JSON.parse(candidate.trim());
  } catch {
    return { ok: false, problem: 'the answer is not JSON' };
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problem = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  return { ok: false, problem };
}

export function completeJsonWith(completeText: CompleteText, initial: StructuredOutput, ctx: FaultContext) {
  let mode = initial;
  return async function completeJson<S extends z.ZodType>(
    schema: S,
    r: { messages: ChatMessage[]; name: string; signal?: AbortSignal; temperature?: number; maxTokens?: number },
  ): Promise<JsonResult<z.infer<S>>> {
    const jsonSchema = jsonSchemaOf(schema);
    const name = r.name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'answer';
    for (;;) {
      const current = mode;
      const messages = current === 'json_schema' ? r.messages : withSchemaInstruction(r.messages, jsonSchema);
      const responseFormat =
        current === 'json_schema'
          ? { type: 'json_schema', json_schema: { name, schema: jsonSchema, strict: strictCompatible(jsonSchema) } }
          : current === 'json_object'
            ? { type: 'json_object' }
            : undefined;
      const first = await completeText({ ...r, messages, responseFormat });
      if (!first.ok) {
        if (first.fault.code === 'bad_request' && current !== 'text') {
          mode = current === 'json_schema' ? 'json_object' : 'text';
          continue;
        }
        return first;
      }
      let parsed = parseJsonAnswer(first.text, schema);
      if (parsed.ok) return { ok: true, value: parsed.value, mode: current, repaired: false };
      const repair: ChatMessage[] = [
        ...messages,
        { role: 'assistant', content: first.text },
        { role: 'user', content: `That answer was not valid (${parsed.problem}). Reply again with only the corrected JSON object.` },
      ];
      const second = await completeText({ ...r, messages: repair, responseFormat });
      if (!second.ok) return second;
      parsed = parseJsonAnswer(second.text, schema);
      if (parsed.ok) return { ok: true, value: parsed.value, mode: current, repaired: true };
      return { ok: false, fault: fault('invalid_json', parsed.problem, ctx), raw: second.text };
    }
  };
}
