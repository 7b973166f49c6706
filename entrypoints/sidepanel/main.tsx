import { effect } from '@preact/signals';
import { render } from 'preact';
import { PanelContext } from '../../components/panel-context';
import { SidePanel } from '../../components/side-panel';
import { langTag } from '../../lib/i18n';
import { createPanelStore } from '../../lib/ui/panel-store';
import '../../assets/panel.css';

// In Chrome's side panel the window is the one the panel is docked in; a
// `windowId` parameter lets the same page follow another window when it is
// opened as a tab (the demo's screenshots and the end-to-end tests do that).
const param = Number(new URLSearchParams(location.search).get('windowId'));
const store = createPanelStore(Number.isInteger(param) && param > 0 ? { windowId: param } : {});
effect(() => {
  document.documentElement.lang = langTag(store.locale.value);
  document.title = store.t.value('extName');
});
void store.start();

render(
  <PanelContext.Provider value={store}>
    <SidePanel />
  </PanelContext.Provider>,
  document.getElementById('app')!,
);
