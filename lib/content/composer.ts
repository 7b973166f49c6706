/**
 * Puts text into a helpdesk's reply composer so that the editor itself
 * registers it, then reads it back.
 *
 * Rich-text editors (CKEditor 5 in Zendesk, Quill in Salesforce) keep a model
 * and re-render the DOM from it: writing into the contenteditable directly,
 * execCommand('insertText') and a text/plain-only paste are reverted or ignored
 * by CKEditor, while a paste event carrying text/html goes through its own
 * clipboard pipeline into the model (research/helpdesk-dom.md, pitfall 7, CR
 * and ZAT). A plain textarea needs its native value setter so frameworks see
 * the change.
 */

/** Editors render paragraphs as elements with no whitespace between them, so compare without any. */
function normalize(text: string): string {
  return text.replace(/\s+/g, '');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Paragraphs for blank-line breaks, <br> for single ones: the shape editors expect from a paste. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function contains(el: Element, text: string): boolean {
  const have = normalize(el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement ? el.value : el.textContent ?? '');
  return have.includes(normalize(text));
}

const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 50));

function pasteInto(el: HTMLElement, text: string) {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  data.setData('text/html', textToHtml(text));
  el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

function setNativeValue(el: HTMLTextAreaElement | HTMLInputElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

/** True when the text is in the composer after the editor had a chance to revert it. */
export async function insertIntoComposer(el: Element, text: string): Promise<boolean> {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
    const before = el.value;
    setNativeValue(el, before ? `${before}${before.endsWith('\n') ? '' : '\n'}${text}` : text);
    await nextFrame();
    return contains(el, text);
  }
  // Salesforce's email body is an editable document in a same-origin (srcdoc) iframe.
  const target = el instanceof HTMLIFrameElement ? el.contentDocument?.body : el;
  // Duck-typed: an iframe's body comes from another realm, so instanceof HTMLElement is false.
  if (!target || !(target as HTMLElement).isContentEditable) return false;
  const editable = target as HTMLElement;
  editable.focus();
  pasteInto(editable, text);
  await nextFrame();
  if (contains(editable, text)) return true;
  // A plain contenteditable with no paste handler: the browser's own editing command.
  editable.focus();
  editable.ownerDocument.execCommand('insertText', false, text);
  await nextFrame();
  return contains(editable, text);
}
