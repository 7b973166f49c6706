import { effect } from '@preact/signals';
import { render } from 'preact';
import { OptionsForm } from '../../components/options-form';
import { langTag } from '../../lib/i18n';
import { createCustomSitesStore } from '../../lib/ui/custom-sites-store';
import { createOptionsStore } from '../../lib/ui/options-store';
import { createKnowledgeAdminStore } from '../../lib/ui/knowledge-admin-store';
import '../../assets/panel.css';

const store = createOptionsStore();
effect(() => {
  document.documentElement.lang = langTag(store.locale.value);
  document.title = store.t.value('options_title');
});
void store.load();
const customSites = createCustomSitesStore();
const knowledge = createKnowledgeAdminStore();
render(<OptionsForm store={store} customSites={customSites} knowledge={knowledge} />, document.getElementById('app')!);
