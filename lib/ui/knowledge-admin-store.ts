/**
 * The options page's knowledge administration: status and sync of sources,
 * import of files (all or nothing, errors by file and line), exports of
 * flags and feedback, the team view of knowledge gaps, and "test connection"
 * for the model endpoint.
 */
import { signal } from '@preact/signals';
import { requestBackground, type BackgroundResponses } from '../messaging';
import type { GapClusterView, ImportOutcome, KnowledgeStatus } from '../knowledge/views';
import { requestOrigin } from './options-store';

type Pending<T> = { state: 'idle' } | { state: 'busy' } | { state: 'done'; value: T } | { state: 'error'; detail: string };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function readFile(file: File): Promise<{ name: string; encoding: 'text' | 'base64'; data: string }> {
  const name = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
  if (!/\.zip$/i.test(name)) return { name, encoding: 'text', data: await file.text() };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name, encoding: 'base64', data: btoa(binary) };
}

export function createKnowledgeAdminStore() {
  const status = signal<Pending<KnowledgeStatus>>({ state: 'idle' });
  const importResult = signal<Pending<ImportOutcome>>({ state: 'idle' });
  const clusters = signal<Pending<GapClusterView[]>>({ state: 'idle' });
  const connection = signal<Pending<BackgroundResponses['llm.test']>>({ state: 'idle' });

  async function loadStatus() {
    try {
      status.value = { state: 'done', value: await requestBackground('kb.status', {}) };
    } catch (error) {
      status.value = { state: 'error', detail: errorText(error) };
    }
  }

  return {
    status,
    importResult,
    clusters,
    connection,
    loadStatus,
    async sync() {
      status.value = { state: 'busy' };
      try {
        status.value = { state: 'done', value: await requestBackground('kb.sync', {}) };
      } catch (error) {
        status.value = { state: 'error', detail: errorText(error) };
      }
    },
    async importFiles(files: readonly File[]) {
      if (!files.length) return;
      importResult.value = { state: 'busy' };
      try {
        const payload = await Promise.all(files.map(readFile));
        importResult.value = { state: 'done', value: await requestBackground('kb.import', { files: payload }) };
        await loadStatus();
      } catch (error) {
        importResult.value = { state: 'error', detail: errorText(error) };
      }
    },
    /** The export as a file the browser downloads. */
    async exportAs(what: 'flags' | 'feedback', format: 'csv' | 'json'): Promise<{ name: string; url: string } | { error: string }> {
      try {
        const text = await requestBackground('kb.export', { what, format });
        const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json';
        const stamp = new Date().toISOString().slice(0, 10);
        return { name: `deskmate-${what}-${stamp}.${format}`, url: URL.createObjectURL(new Blob([text], { type })) };
      } catch (error) {
        return { error: errorText(error) };
      }
    },
    async loadClusters() {
      clusters.value = { state: 'busy' };
      try {
        clusters.value = { state: 'done', value: await requestBackground('kb.teamGaps', {}) };
      } catch (error) {
        clusters.value = { state: 'error', detail: errorText(error) };
      }
    },
    async testConnection(baseUrl?: string) {
      if (baseUrl) await requestOrigin(baseUrl);
      connection.value = { state: 'busy' };
      try {
        connection.value = { state: 'done', value: await requestBackground('llm.test', {}) };
      } catch (error) {
        connection.value = { state: 'error', detail: errorText(error) };
      }
    },
  };
}

export type KnowledgeAdminStore = ReturnType<typeof createKnowledgeAdminStore>;
