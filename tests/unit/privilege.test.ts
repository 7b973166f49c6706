import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(ROOT, dir, name);
    if (statSync(path).isDirectory()) return sources(relative(ROOT, path));
    return /\.(ts|tsx)$/.test(name) ? [relative(ROOT, path)] : [];
  });
}
const code = [...sources('lib'), ...sources('components'), ...sources('entrypoints')].map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));

describe('privilege stays in the background', () => {
  it('only the settings service reads storage.managed', () => {
    const readers = code.filter((f) => /browser\.storage\.managed|['"]managed:/.test(f.text)).map((f) => f.file);
    expect(readers).toEqual(['lib/settings/service.ts']);
  });

  it('components never touch browser APIs', () => {
    const offenders = code.filter((f) => f.file.startsWith('components/') && /\b(browser|chrome)\.\w+|lib\/browser/.test(f.text)).map((f) => f.file);
    expect(offenders).toEqual([]);
  });

  it('no code builds protocol envelopes outside lib/messaging.ts', () => {
    const offenders = code.filter((f) => f.file !== 'lib/messaging.ts' && /deskmate\/1|runtime\.sendMessage|tabs\.sendMessage/.test(f.text)).map((f) => f.file);
    expect(offenders).toEqual([]);
  });

  it('customer text is never rendered as HTML in our UI', () => {
    const ui = code.filter((f) => /^(components|entrypoints|lib\/ui)\//.test(f.file));
    expect(ui.length).toBeGreaterThan(10);
    const offenders = ui.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML/.test(f.text)).map((f) => f.file);
    expect(offenders).toEqual([]);
  });
});
