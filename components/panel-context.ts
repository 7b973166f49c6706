import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PanelStore } from '../lib/ui/panel-store';

export const PanelContext = createContext<PanelStore | null>(null);

export function usePanel(): PanelStore {
  const store = useContext(PanelContext);
  if (!store) throw new Error('PanelContext missing');
  return store;
}
