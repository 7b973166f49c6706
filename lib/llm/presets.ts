/**
 * What Deskmate knows about each kind of OpenAI-compatible endpoint: where it
 * usually listens, whether it needs a key and how the key is sent, how much
 * structured output it understands, and which hint explains a failure there.
 *
 * Endpoints as their own documentation gives them (checked 2026):
 * - OpenAI https://api.openai.com/v1
 * - Azure OpenAI, the v1 API: https://<resource>.openai.azure.com/openai/v1/ with the key in `api-key`
 *   (learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle). The older deployment URLs
 *   (…/openai/deployments/<name>) still need `?api-version=`; the v1 path does not.
 * - DeepSeek https://api.deepseek.com (api-docs.deepseek.com); JSON Output (json_object) only.
 * - Qwen, DashScope compatible mode: https://dashscope.aliyuncs.com/compatible-mode/v1 (Beijing) or
 *   https://dashscope-intl.aliyuncs.com/compatible-mode/v1 (Singapore); a key works only in its region.
 * - Ollama http://localhost:11434/v1, no key; refuses unknown Origins with an empty 403, allowed by
 *   OLLAMA_ORIGINS (docs.ollama.com/faq, ollama/ollama#1797 for extension origins).
 * - vLLM http://localhost:8000/v1; a key only when started with --api-key.
 * - LM Studio http://localhost:1234/v1; a token only when "Require Authentication" is on.
 */
import type { Settings } from '../settings/catalogue';
import type { LlmFaultCode } from './faults';

export type LlmProvider = Settings['llmProvider'];

/** Which `response_format` the endpoint is known to accept; unknown ones start at json_schema and fall back. */
export type StructuredOutput = 'json_schema' | 'json_object' | 'text';

/** i18n keys of the hints, shown under a fault's message (not yet in public/_locales: texts in the issue 6 note). */
export const LLM_HINT_KEYS = [
  'llm_hint_key_required',
  'llm_hint_qwen_region',
  'llm_hint_deepseek_balance',
  'llm_hint_azure_deployment',
  'llm_hint_azure_url',
  'llm_hint_ollama_start',
  'llm_hint_ollama_pull',
  'llm_hint_vllm_start',
  'llm_hint_vllm_key',
  'llm_hint_lmstudio_start',
  'llm_hint_lmstudio_token',
  'llm_hint_base_url',
] as const;
export type LlmHintKey = (typeof LLM_HINT_KEYS)[number];

export interface ProviderPreset {
  id: LlmProvider;
  label: string;
  /** Used when llmBaseUrl is empty; '' when there is no usable default (Azure, custom). */
  baseUrl: string;
  /** Shown as the base URL field's placeholder. */
  placeholder: string;
  keyRequired: boolean;
  /** 'bearer': Authorization: Bearer <key>; 'api-key': Azure's api-key header. */
  auth: 'bearer' | 'api-key';
  /** Azure deployment URLs only: the GA data-plane api-version sent as a query parameter. */
  apiVersion?: string;
  structuredOutput: StructuredOutput;
  /** Runs on the agent's machine (or the team's server): no key, origin rules apply. */
  local: boolean;
  /** A hint to show under the fault message, by fault. */
  hints: Partial<Record<LlmFaultCode, LlmHintKey>>;
}

export const PRESETS: Record<LlmProvider, ProviderPreset> = {
  openai: {
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    placeholder: 'https://api.openai.com/v1',
    keyRequired: true,
    auth: 'bearer',
    structuredOutput: 'json_schema',
    local: false,
    hints: { unauthorized: 'llm_hint_key_required', unreachable: 'llm_hint_base_url' },
  },
  azure: {
    id: 'azure',
    label: 'Azure OpenAI',
    baseUrl: '',
    placeholder: 'https://<resource>.openai.azure.com/openai/v1',
    keyRequired: true,
    auth: 'api-key',
    apiVersion: '2024-10-21',
    structuredOutput: 'json_schema',
    local: false,
    hints: { unauthorized: 'llm_hint_key_required', model_not_found: 'llm_hint_azure_deployment', unreachable: 'llm_hint_azure_url' },
  },
  deepseek: {
    id: 'deepseek',
    label: 'DeepSeek',
    baseUrl: 'https://api.deepseek.com',
    placeholder: 'https://api.deepseek.com',
    keyRequired: true,
    auth: 'bearer',
    structuredOutput: 'json_object',
    local: false,
    hints: { unauthorized: 'llm_hint_key_required', forbidden: 'llm_hint_deepseek_balance', unreachable: 'llm_hint_base_url' },
  },
  qwen: {
    id: 'qwen',
    label: 'Qwen (DashScope compatible mode)',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    placeholder: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
    keyRequired: true,
    auth: 'bearer',
    structuredOutput: 'json_object',
    local: false,
    hints: { unauthorized: 'llm_hint_qwen_region', unreachable: 'llm_hint_base_url' },
  },
  ollama: {
    id: 'ollama',
    label: 'Ollama',
    baseUrl: 'http://localhost:11434/v1',
    placeholder: 'http://localhost:11434/v1',
    keyRequired: false,
    auth: 'bearer',
    structuredOutput: 'json_schema',
    local: true,
    hints: { unreachable: 'llm_hint_ollama_start', model_not_found: 'llm_hint_ollama_pull' },
  },
  vllm: {
    id: 'vllm',
    label: 'vLLM',
    baseUrl: 'http://localhost:8000/v1',
    placeholder: 'http://localhost:8000/v1',
    keyRequired: false,
    auth: 'bearer',
    structuredOutput: 'json_schema',
    local: true,
    hints: { unreachable: 'llm_hint_vllm_start', unauthorized: 'llm_hint_vllm_key' },
  },
  lmstudio: {
    id: 'lmstudio',
    label: 'LM Studio',
    baseUrl: 'http://localhost:1234/v1',
    placeholder: 'http://localhost:1234/v1',
    keyRequired: false,
    auth: 'bearer',
    structuredOutput: 'json_schema',
    local: true,
    hints: { unreachable: 'llm_hint_lmstudio_start', unauthorized: 'llm_hint_lmstudio_token' },
  },
  custom: {
    id: 'custom',
    label: 'Custom (OpenAI-compatible)',
    baseUrl: '',
    placeholder: 'https://llm.example.com/v1',
    keyRequired: false,
    auth: 'bearer',
    structuredOutput: 'json_schema',
    local: false,
    hints: { unreachable: 'llm_hint_base_url', model_not_found: 'llm_hint_base_url' },
  },
};

export function presetFor(provider: LlmProvider | string): ProviderPreset {
  return PRESETS[provider as LlmProvider] ?? PRESETS.custom;
}

/**
 * The api-version query parameter Azure needs, or null. The v1 API (…/openai/v1) takes none; the
 * deployment-scoped URLs refuse requests without one.
 */
export function azureApiVersion(baseUrl: string, preset: ProviderPreset): string | null {
  if (preset.auth !== 'api-key' || !preset.apiVersion) return null;
  let path = '';
  try {
    path = new URL(baseUrl).pathname;
  } catch {
    return preset.apiVersion;
  }
  return /\/openai\/v1\/?$/.test(path) ? null : preset.apiVersion;
}
