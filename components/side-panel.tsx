import type { Conversation } from '../lib/types';
import { ticketKeyId } from '../lib/ticket-key';
import { ConversationView } from './conversation-view';
import { DiagnosticsBox } from './diagnostics-box';
import { GuidanceBox } from './guidance-box';
import { KnowledgeBox } from './knowledge-box';
import { AssistBox } from './assist-box';
import { OutboundPreviewBox } from './outbound-preview';
import { PanelNotice } from './panel-notice';
import { usePanel } from './panel-context';
import { ComposerCheck, ReplyBox } from './reply-box';
import { TicketHeader, headingKey } from './ticket-header';

export function SidePanel() {
  const { t, ticket, pinned, togglePin } = usePanel();
  const state = ticket.value;
  const tr = t.value;
  if (!state) return <PanelNotice tone="info" testId="state-connecting">{tr('panel_connecting')}</PanelNotice>;
  switch (state.kind) {
    case 'no-helpdesk':
      if (pinned.value) {
        return (
          <PanelNotice tone="info" testId="state-pin-missing">
            {tr('pin_missing', pinned.value.ticketId)}{' '}
            <button type="button" class="link" onClick={togglePin} data-testid="pin">{tr('pin_off')}</button>
          </PanelNotice>
        );
      }
      return <PanelNotice tone="info" title={tr('panel_noHelpdesk_title')} testId="state-no-helpdesk">{tr('panel_noHelpdesk_body')}</PanelNotice>;
    case 'none':
      return <PanelNotice tone="info" testId="state-no-ticket">{tr('panel_noTicket', tr(`site_${state.site}`))}</PanelNotice>;
    case 'disabled':
      return <PanelNotice tone="info" testId="state-disabled">{tr('panel_disabled', tr(`site_${state.site}`))}</PanelNotice>;
    case 'failed':
      return (
        <>
          <PanelNotice tone="error" title={tr('panel_failed_title')} testId="state-failed">
            {tr('panel_failed_body', tr(`site_${state.failure.adapter}`), state.failure.selector)}
          </PanelNotice>
          <DiagnosticsBox />
        </>
      );
    case 'ok': {
      const c: Conversation = state.conversation; // with the background's insight
      const keyId = ticketKeyId(c.key);
      return (
        <div class="ticket" data-testid="ticket" data-ticket-key={keyId} key={keyId}>
          <TicketHeader conversation={c} />
          <div class="ticket-body" data-testid="ticket-body">
            <ConversationView messages={c.messages} insight={c.insight} />
            {c.insight?.guidance && <GuidanceBox guidance={c.insight.guidance} />}
            <KnowledgeBox />
            <AssistBox />
            <OutboundPreviewBox keyId={keyId} />
          </div>
          <ComposerCheck />
          <ReplyBox ticketKey={c.key} keyId={keyId} heading={tr(headingKey(c), c.key.ticketId)} />
        </div>
      );
    }
  }
}
