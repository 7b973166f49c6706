import { zendeskAdapter } from '../lib/adapters/zendesk';
import { runContentScript } from '../lib/content/run';
import { SITE_MATCHES } from '../lib/sites';

export default defineContentScript({
  matches: SITE_MATCHES.zendesk,
  runAt: 'document_idle',
  main(ctx) {
    runContentScript(ctx, zendeskAdapter);
  },
});
