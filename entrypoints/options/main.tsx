import { effect } from '@preact/signals';
import { render } from 'preact';
import { OptionsForm } from '../../components/options-form';
import { langTag } from '../../lib/i18n';
import { createOptionsStore } from '../../lib/ui/options-store';
import '../../assets/panel.css';

const store = createOptionsStore();
effect(() => {
  document.documentElement.lang = langTag(store.locale.value);
  document.title = store.t.value('options_title');
});
void store.load();
render(<OptionsForm store={store} />, document.getElementById('app')!);
