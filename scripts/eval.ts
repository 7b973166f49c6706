/**
 * npm run eval -- TASK [args]: quality figures on data of the shared formats.
 * Each task prints per-class figures and ends with one summary line.
 */
const TASKS: Record<string, { about: string; run?: () => Promise<{ main(argv: string[]): Promise<number> }> }> = {
  read: { about: 'read PAGE.html [--site NAME] [--url URL]: the conversation a saved helpdesk page yields, as JSON', run: () => import('./eval/read.ts') },
  intent: { about: 'intent --train A.csv --test B.csv [--shots N] (issue 4)', run: () => import('./eval/intent.ts') },
  sentiment: { about: 'sentiment --test F.csv (issue 4)', run: () => import('./eval/sentiment.ts') },
  emotion: { about: 'emotion --test F.csv (issue 4)', run: () => import('./eval/sentiment.ts').then((m) => ({ main: m.mainEmotion })) },
  pii: { about: 'pii --test F.jsonl [--errors N] (issue 4)', run: () => import('./eval/pii.ts') },
  'pii-gen': { about: 'pii-gen --n N --out F.jsonl [--seed S]: a generated PII test set (issue 4)', run: () => import('./eval/gen-pii.ts') },
  retrieval: { about: 'retrieval --dataset DIR: knowledge search against plain BM25 on a BEIR-layout set (issue 5)', run: () => import('./eval/retrieval.ts') },
};

const [task, ...rest] = process.argv.slice(2);
const entry = task ? TASKS[task] : undefined;
if (!entry) {
  console.error(`usage: npm run eval -- TASK [args]\n${Object.entries(TASKS).map(([name, t]) => `  ${name.padEnd(10)} ${t.about}${t.run ? '' : '  [not built yet]'}`).join('\n')}`);
  process.exit(2);
}
if (!entry.run) {
  console.error(`eval ${task}: not built yet (${entry.about}).`);
  process.exit(2);
}
if (rest.includes('--help') || rest.includes('-h')) {
  console.log(`npm run eval -- ${entry.about}`);
  process.exit(0);
}
try {
  process.exit(await (await entry.run()).main(rest));
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  // A wrong option or a missing file is the caller's mistake: say so in one line, with the usage.
  if (code.startsWith('ERR_PARSE_ARGS') || code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
    console.error(`eval ${task}: ${(error as Error).message}
usage: npm run eval -- ${entry.about}`);
    process.exit(2);
  }
  throw error;
}
