import { configuredAdapter, validateCustomSites } from '../lib/adapters/configured';
import { runContentScript } from '../lib/content/run';
import { requestBackground } from '../lib/messaging';

// Registered at run time by the background, only on the hosts of helpdesks a
// team lead configured and the agent granted (lib/background/custom-sites.ts).
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  async main(ctx) {
    const site = await requestBackground('custom.config', {});
    if (!site) return;
    // Selectors are checked again here: the background has no DOM to parse them with.
    const checked = validateCustomSites([site]);
    if (!checked.ok) {
      console.warn(`Deskmate: the configuration for ${site.name} is invalid: ${checked.errors.join('; ')}`);
      return;
    }
    runContentScript(ctx, configuredAdapter(checked.sites[0]!));
  },
});
