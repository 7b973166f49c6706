import type { ComponentChildren } from 'preact';

/** A full-width message in place of the conversation (no ticket, can't read, switched off). */
export function PanelNotice(props: { tone: 'info' | 'error'; title?: string; children: ComponentChildren; testId: string }) {
  return (
    <section class={`notice notice-${props.tone}`} role={props.tone === 'error' ? 'alert' : 'status'} data-testid={props.testId}>
      {props.title && <h2>{props.title}</h2>}
      <p>{props.children}</p>
    </section>
  );
}
