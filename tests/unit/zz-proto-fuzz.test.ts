import { it } from 'vitest';
import { readConversation } from '../../lib/adapters/types';
import { zendeskAdapter } from '../../lib/adapters/zendesk';
import { salesforceAdapter } from '../../lib/adapters/salesforce';
import { loadPage } from './helpers/load-page';
it('proto', { timeout: 60000 }, () => {
  for (const [f, a] of [['scripts/demo/zendesk/agent-workspace.html', zendeskAdapter], ['scripts/demo/salesforce/service-console.html', salesforceAdapter]] as const) {
    let t = performance.now();
    const docs = [];
    for (let i = 0; i < 50; i++) docs.push(loadPage(f, 'https://acme.zendesk.com/agent/tickets/1001'));
    console.log(f, 'load x50', performance.now() - t);
    t = performance.now();
    for (const d of docs) readConversation(a, d, 'h');
    console.log(f, 'read x50', performance.now() - t);
    const d = docs[0];
    const pristine = d.body.cloneNode(true);
    t = performance.now();
    for (let i = 0; i < 50; i++) { d.body.replaceWith(pristine.cloneNode(true)); }
    console.log(f, 'clone-replace x50', performance.now() - t);
    t = performance.now();
    for (let i = 0; i < 50; i++) { d.body.replaceWith(pristine.cloneNode(true)); readConversation(a, d, 'h'); }
    console.log(f, 'clone-replace+read x50', performance.now() - t, readConversation(a, d, 'h')?.messages.length);
    t = performance.now();
    for (let i = 0; i < 50; i++) { d.body.querySelectorAll('*'); }
    console.log(f, 'qsa x50', performance.now() - t);
  }
});
