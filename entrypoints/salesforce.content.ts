import { salesforceAdapter } from '../lib/adapters/salesforce';
import { runContentScript } from '../lib/content/run';
import { SITE_MATCHES } from '../lib/sites';

export default defineContentScript({
  matches: SITE_MATCHES.salesforce,
  runAt: 'document_idle',
  main(ctx) {
    runContentScript(ctx, salesforceAdapter);
  },
});
