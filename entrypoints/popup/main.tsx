import { render } from 'preact';
import { PanelContext } from '../../components/panel-context';
import { PopupView } from '../../components/popup-view';
import { createPanelStore } from '../../lib/ui/panel-store';
import { openOptions, openPanel } from '../../lib/ui/popup-actions';
import '../../assets/panel.css';

const store = createPanelStore();
void store.start();

render(
  <PanelContext.Provider value={store}>
    <PopupView onOpenPanel={() => void openPanel()} onOpenOptions={() => void openOptions()} />
  </PanelContext.Provider>,
  document.getElementById('app')!,
);
