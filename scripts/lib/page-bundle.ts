/**
 * The adapters bundled for a page (an IIFE exposing `DeskmateRead.readPage`),
 * so the eval and bench scripts run in Chromium the same code the content
 * scripts run.
 */
import { build } from 'esbuild';
import { resolve } from 'node:path';

export async function adapterBundle(): Promise<string> {
  const result = await build({
    entryPoints: [resolve(import.meta.dirname, './page-entry.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'DeskmateRead',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
