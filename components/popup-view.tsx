import { usePanel } from './panel-context';

/** The toolbar popup: what Deskmate sees in this window, and the way to the panel and settings. */
export function PopupView(props: { onOpenPanel: () => void; onOpenOptions: () => void }) {
  const { t, ticket } = usePanel();
  const state = ticket.value;
  const tr = t.value;
  let line = tr('panel_connecting');
  if (state?.kind === 'ok') line = tr('popup_ticket', state.conversation.key.ticketId, state.conversation.messages.length);
  else if (state?.kind === 'no-helpdesk') line = tr('panel_noHelpdesk_title');
  else if (state?.kind === 'none') line = tr('panel_noTicket', tr(`site_${state.site}`));
  else if (state?.kind === 'disabled') line = tr('panel_disabled', tr(`site_${state.site}`));
  else if (state?.kind === 'failed') line = tr('panel_failed_title');
  return (
    <main class="popup">
      <h1>{tr('extName')}</h1>
      <p data-testid="popup-status">{line}</p>
      <div class="popup-actions">
        <button type="button" class="primary" onClick={props.onOpenPanel}>{tr('popup_openPanel')}</button>
        <button type="button" onClick={props.onOpenOptions}>{tr('popup_settings')}</button>
      </div>
    </main>
  );
}
