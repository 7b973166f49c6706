/** What the demo pages' scripts do on a click, for tests that load the pages without running them. */

/** Salesforce console: activate the workspace tab titled `key` (as console.js does). */
export function openSalesforceTab(doc: Document, key: string): void {
  for (const link of doc.querySelectorAll('li.oneConsoleTabItem a[role="tab"]')) {
    const on = link.querySelector('.title')?.textContent === key;
    link.setAttribute('aria-selected', String(on));
    link.closest('li')!.classList.toggle('slds-is-active', on);
    const panel = doc.getElementById(link.getAttribute('aria-controls')!)!;
    panel.classList.toggle('active', on);
    panel.setAttribute('aria-expanded', String(on));
    if (on) panel.removeAttribute('style');
    else panel.setAttribute('style', 'position: absolute; left: -10000px; top: 0px;');
  }
}
