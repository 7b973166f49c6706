/**
 * A draft made for one ticket is never inserted into another: a storm of
 * random ticket switches (in-app on the demo Zendesk, workspace tabs on the
 * demo Salesforce console, browser tabs between the two) interleaved with
 * inserts, many of them fired right after a switch, before the side panel has
 * caught up. Every insert carries a unique marker naming the ticket the panel
 * showed when it was typed; at the end every composer is read back and a
 * marker found in another ticket's composer is a wrong insertion. Now and
 * then the panel is pinned for a few switches (its drafts still go only to
 * the pinned ticket); whenever it shows no pin, it must show the ticket in
 * front.
 *
 * SWITCH_STORM_SEED=<n> replays another random sequence.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../helpers/prng';
import { DEMO_URLS } from '../../scripts/demo/serve';
import { startDemoSession, type DemoSession } from '../../scripts/lib/demo-session';

interface ZendeskDemo {
  ready: Promise<unknown>;
  composerData(id: string): string | null;
  setComposerData(id: string, html: string): void;
}
interface SalesforceDemo {
  openTab(key: string): void;
}
type ZendeskWindow = Window & { deskmateDemo: ZendeskDemo };

const SEED = Number(process.env.SWITCH_STORM_SEED ?? 20261124) >>> 0;
const MIN_SWITCHES = 220;
const ZENDESK_TICKETS = ['1001', '1002'] as const;
const SALESFORCE_TABS = ['00012345', '00012346', 'MS-0000421'] as const;

/** The panel's heading for each ticket, and the composer (site:ticket) it belongs to. */
const COMPOSER_OF_HEADING: Record<string, string> = {
  'Ticket #1001': 'zendesk:1001',
  'Ticket #1002': 'zendesk:1002',
  'Case 00012345': 'salesforce:00012345',
  'Case 00012346': 'salesforce:00012346',
  'Messaging session MS-0000421': 'salesforce:MS-0000421',
};
const ticketIdOf = (composer: string) => composer.slice(composer.indexOf(':') + 1);


const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Outcome = 'ok' | 'refused' | 'unknown' | 'timeout';
interface InsertAttempt {
  serial: number;
  mode: string;
  sent: boolean;
  why?: string;
  marker?: string;
  heading?: string;
  outcome?: Outcome;
  statusText?: string;
}

/**
 * Runs in the panel page, in one task up to the click: reads the ticket the
 * panel shows, types a marker for it into its reply box, lets Preact render,
 * and clicks Insert only if the panel still shows that ticket with that text.
 * Then waits for that insert's status (a new status element for the same
 * ticket), or gives up knowing the outcome when the panel moves on.
 */
async function typeAndInsert(serial: string): Promise<Omit<InsertAttempt, 'serial' | 'mode'>> {
  const ticket = document.querySelector('[data-testid="ticket"]');
  const heading = ticket?.querySelector('[data-testid="ticket-id"]')?.textContent?.trim();
  const box = ticket?.querySelector<HTMLTextAreaElement>('textarea[data-testid="reply-text"]');
  if (!ticket || !heading || !box) return { sent: false, why: 'no-ticket-shown' };
  const key = ticket.getAttribute('data-ticket-key');
  const marker = `[M-${serial} for ${heading}]`;
  box.focus();
  box.value = marker;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((resolve) => setTimeout(resolve, 0));
  const now = document.querySelector('[data-testid="ticket"]');
  const button = now?.querySelector<HTMLButtonElement>('[data-testid="insert"]');
  const text = now?.querySelector<HTMLTextAreaElement>('textarea[data-testid="reply-text"]')?.value;
  if (!now || now.getAttribute('data-ticket-key') !== key || text !== marker || !button || button.disabled) {
    return { sent: false, why: 'panel-moved-before-click', marker, heading };
  }
  const before = now.querySelector('[data-testid="insert-status"]');
  button.click();
  const started = performance.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const current = document.querySelector('[data-testid="ticket"]');
    if (!current || current.getAttribute('data-ticket-key') !== key) return { sent: true, marker, heading, outcome: 'unknown' };
    const status = current.querySelector('[data-testid="insert-status"]');
    if (status && status !== before) {
      return { sent: true, marker, heading, outcome: status.getAttribute('data-ok') === 'true' ? 'ok' : 'refused', statusText: status.textContent ?? '' };
    }
    if (performance.now() - started > 8000) return { sent: true, marker, heading, outcome: 'timeout' };
  }
}

let session: DemoSession;
let zendesk: Page;
let salesforce: Page;
let panel: Page;

beforeAll(async () => {
  session = await startDemoSession({ headless: true, pace: 'manual', firstUrl: DEMO_URLS.zendeskEmail });
  zendesk = session.context.pages()[0]!;
  await zendesk.evaluate(() => (window as unknown as ZendeskWindow).deskmateDemo.ready);
  salesforce = await session.openTab(DEMO_URLS.salesforceCase);
  await salesforce.waitForFunction(() => 'deskmateDemo' in window);
  // Case 00012346 replies through the Post publisher (the Quill editor); 00012345 through the email body.
  await salesforce.evaluate(() => {
    const demo = (window as unknown as { deskmateDemo: SalesforceDemo }).deskmateDemo;
    demo.openTab('00012346');
    document.querySelector<HTMLElement>('a[aria-controls="pub-post-00012346"]')!.click();
    document.querySelector<HTMLElement>('#pub-post-00012346 button[title="Share an update..."]')!.click();
    demo.openTab('00012345');
  });
  panel = await session.openPanel();
});

afterAll(async () => {
  await session?.close();
});

/** Every composer's content, as composer id (site:ticket) and kind; with clear, emptied in the same task. */
async function harvest(clear: boolean): Promise<{ composer: string; kind: string; text: string }[]> {
  const z = await zendesk.evaluate(
    ([ids, wipe]) => {
      const demo = (window as unknown as ZendeskWindow).deskmateDemo;
      return ids.map((id) => {
        const text = demo.composerData(id) ?? '';
        if (wipe) demo.setComposerData(id, '');
        return { composer: `zendesk:${id}`, kind: 'ckeditor', text };
      });
    },
    [[...ZENDESK_TICKETS], clear] as const,
  );
  const s = await salesforce.evaluate(
    ([keys, wipe]) => {
      const out: { composer: string; kind: string; text: string }[] = [];
      for (const k of keys) {
        const link = document.querySelector(`li.oneConsoleTabItem a[role="tab"][title^="${k}"]`);
        const section = link && document.getElementById(link.getAttribute('aria-controls') ?? '');
        if (!section) throw new Error(`no workspace tab for ${k}`);
        for (const input of section.querySelectorAll<HTMLTextAreaElement>('textarea.runtime_service_liveagentChatInput')) {
          out.push({ composer: `salesforce:${k}`, kind: 'chat', text: input.value });
          if (wipe) input.value = '';
        }
        for (const frame of section.querySelectorAll<HTMLIFrameElement>('iframe[title="Email Body"]')) {
          const body = frame.contentDocument?.body;
          if (!body) throw new Error(`email body of ${k} is not readable`);
          out.push({ composer: `salesforce:${k}`, kind: 'email', text: body.textContent ?? '' });
          if (wipe) body.innerHTML = '<p><br></p><p>Best regards,<br>Sam Rivera<br>Acme Support</p>';
        }
        for (const editor of section.querySelectorAll<HTMLElement>('.ql-editor')) {
          out.push({ composer: `salesforce:${k}`, kind: 'quill', text: editor.textContent ?? '' });
          if (wipe) editor.innerHTML = '<p><br></p>';
        }
      }
      return out;
    },
    [[...SALESFORCE_TABS], clear] as const,
  );
  return [...z, ...s];
}

describe('switch storm on both demo helpdesks', () => {
  it('never inserts a draft into the composer of another ticket', { timeout: 180_000 }, async () => {
    // The panel needs a moment to connect to the background the first time.
    await expect.poll(() => panel.getByTestId('ticket-id').innerText(), { timeout: 30_000 }).toBe('Case 00012345');
    const started = Date.now();
    const random = mulberry32(SEED);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

    // What the test did to the browser: the tab in front and each site's ticket in front.
    let front: 'zendesk' | 'salesforce' = 'salesforce';
    let zendeskTicket: string = '1001';
    let salesforceTab: string = '00012345';
    const switches = { zendesk: 0, salesforce: 0, browserTab: 0, inBackgroundTab: 0, syntheticClick: 0 };
    const totalSwitches = () => switches.zendesk + switches.salesforce + switches.browserTab;
    // What happened, in order, with milliseconds: printed when the panel stops following.
    const trace: string[] = [];
    const tr = (step: string) => trace.push(`${Date.now() - started} ${step}`);

    const expectedHeading = () =>
      front === 'zendesk' ? `Ticket #${zendeskTicket}` : salesforceTab.startsWith('MS-') ? `Messaging session ${salesforceTab}` : `Case ${salesforceTab}`;

    /**
     * In the tab in front, mostly a real mouse click (several protocol round
     * trips); else a click event dispatched in one round trip, which is what a
     * hidden tab needs anyway (it runs no animation frames, so playwright's
     * click would wait for "stable" forever).
     */
    async function clickTab(page: Page, selector: string, inFront: boolean, real: boolean) {
      const tab = page.locator(selector);
      if (inFront && real) await tab.click();
      else {
        switches.syntheticClick++;
        await tab.dispatchEvent('click');
      }
    }
    async function switchZendesk(inFront: boolean, real: boolean) {
      const to = ZENDESK_TICKETS.find((t) => t !== zendeskTicket)!;
      zendeskTicket = to;
      tr(`zd -> ${to} front=${inFront} real=${real}`);
      switches.zendesk++;
      if (!inFront) switches.inBackgroundTab++;
      await clickTab(zendesk, `[data-test-id="header-tab"][data-entity-id="${to}"]`, inFront, real);
    }
    async function switchSalesforce(inFront: boolean, real: boolean) {
      const to = pick(SALESFORCE_TABS.filter((t) => t !== salesforceTab));
      salesforceTab = to;
      tr(`sf -> ${to} front=${inFront} real=${real}`);
      switches.salesforce++;
      if (!inFront) switches.inBackgroundTab++;
      await clickTab(salesforce, `a[role="tab"][title^="${to}"]`, inFront, real);
    }
    async function switchBrowserTab() {
      front = front === 'zendesk' ? 'salesforce' : 'zendesk';
      switches.browserTab++;
      tr(`tab -> ${front}`);
      await session.activate(front === 'zendesk' ? zendesk : salesforce);
    }
    /** All random draws happen before the first await, so the sequence depends on the seed only. */
    function randomSwitch(): Promise<void> {
      const r = random();
      const real = random() < 0.6;
      if (r < 0.3) return switchBrowserTab();
      // Mostly in the tab in front, as an agent does; now and then in the one behind.
      const inFront = r < 0.92;
      const site = inFront ? front : front === 'zendesk' ? 'salesforce' : 'zendesk';
      return site === 'zendesk' ? switchZendesk(inFront, real) : switchSalesforce(inFront, real);
    }

    const attempts: InsertAttempt[] = [];
    let serial = 0;
    async function insert(mode: string, during?: () => Promise<unknown>) {
      const id = String(++serial).padStart(5, '0');
      const typed = panel.evaluate(typeAndInsert, id);
      const [result] = await Promise.all([typed, during?.()]);
      attempts.push({ serial, mode, ...result });
      tr(`insert ${mode} ${result.marker} ${result.outcome ?? result.why}`);
      // An insert whose outcome was not seen may still be in flight: let it land
      // before the next one, so each status read belongs to its own insert.
      if (result.outcome === 'unknown' || result.outcome === 'timeout') await sleep(400);
    }

    /**
     * The panel shows the ticket in front. When it does not within 5 s, that is
     * recorded (asserted at the end, after the insertion checks), and the agent's
     * way out is taken: pin and unpin again.
     */
    const PINNED_BUTTON = '[data-testid="pin"][aria-pressed="true"], [data-testid="state-pin-missing"] [data-testid="pin"]';
    const pinnedNow = () => panel.locator(PINNED_BUTTON).count();
    const followFailures: string[] = [];
    async function panelFollows(when: string) {
      const want = expectedHeading();
      const shown = () => panel.getByTestId('ticket-id').innerText({ timeout: 1000 }).catch(() => '(no ticket shown)');
      try {
        await expect.poll(shown, { timeout: 5000 }).toBe(want);
        return;
      } catch {
        const pin = await panel.getByTestId('pin').getAttribute('aria-pressed', { timeout: 1000 }).catch(() => null);
        followFailures.push(`${when}: the panel shows "${await shown()}" (pin button aria-pressed=${pin}) while "${want}" is in front`);
        console.log(`panel stopped following (${when}); last steps:\n${trace.slice(-12).join('\n')}`);
      }
      await panel.getByTestId('pin').click();
      await expect.poll(pinnedNow).toBe(1);
      await panel.locator(PINNED_BUTTON).click();
      await expect.poll(shown, { message: `panel follows to ${want} after pin and unpin` }).toBe(want);
    }

    let pinEpisodes = 0;

    const found = new Map<string, { composer: string; kind: string }[]>();
    let looseCount = 0;
    function collect(contents: { composer: string; kind: string; text: string }[]) {
      for (const c of contents) {
        looseCount += c.text.match(/M-\d{5}/g)?.length ?? 0;
        for (const m of c.text.matchAll(/\[M-(\d{5}) for ([^\]]+)\]/g)) {
          const list = found.get(m[0]) ?? [];
          list.push({ composer: c.composer, kind: c.kind });
          found.set(m[0], list);
        }
      }
    }

    // Composers are emptied now and then (after reading them) so they do not grow long.
    let sentAtHarvest = 0;
    while (totalSwitches() < MIN_SWITCHES) {
      const r = random();
      if (r < 0.45) {
        await randomSwitch();
        const after = random();
        // Right after the switch returned, without waiting for the panel.
        if (after < 0.35) await insert('after-switch');
        else if (after < 0.5) await sleep(Math.floor(random() * 120));
      } else if (r < 0.6) {
        // The switch and the insert on their way at the same time: the insert
        // may reach the page after the switch but before the panel hears of it.
        const delay = Math.floor(random() * 25);
        const switching = randomSwitch();
        await sleep(delay);
        await insert('racing-switch');
        await switching;
      } else if (r < 0.72) {
        // Switch while the insert is under way.
        const delay = Math.floor(random() * 40);
        await insert('switch-during-insert', async () => {
          await sleep(delay);
          await randomSwitch();
        });
      } else if (r < 0.84) {
        // The panel has caught up: this one should go in.
        await panelFollows('settled');
        await insert('settled');
      } else if (r < 0.92) {
        await insert('whenever');
      } else {
        // Pinned: the panel keeps its ticket while others come to the front.
        const pinned = await panel.evaluate(() => {
          const ticket = document.querySelector('[data-testid="ticket"]');
          const button = ticket?.querySelector<HTMLButtonElement>('[data-testid="pin"][aria-pressed="false"]');
          button?.click();
          return button ? ticket!.querySelector('[data-testid="ticket-id"]')!.textContent : null;
        });
        tr(`pin ${pinned}`);
        if (!pinned) continue;
        pinEpisodes++;
        const n = 1 + Math.floor(random() * 3);
        for (let i = 0; i < n; i++) {
          await randomSwitch();
          if (random() < 0.5) await insert('pinned-after-switch');
        }
        await insert('pinned');
        // Unpin, if the panel still shows a pin.
        const unpinned = await panel.evaluate((selector) => {
          const button = document.querySelector<HTMLButtonElement>(selector);
          button?.click();
          return !!button;
        }, PINNED_BUTTON);
        tr(unpinned ? 'unpin' : 'unpin: the panel shows no pin');
        await expect.poll(pinnedNow, { message: 'pin released' }).toBe(0);
        // No pin shown: the panel follows the ticket in front again.
        await panelFollows('after unpin');
      }
      const sentNow = attempts.filter((a) => a.sent).length;
      if (sentNow - sentAtHarvest >= 25) {
        collect(await harvest(true));
        sentAtHarvest = sentNow;
      }
    }
    // Let the last inserts land, then read every composer.
    await sleep(500);
    collect(await harvest(false));

    const sent = attempts.filter((a) => a.sent);
    const byMarker = new Map(sent.map((a) => [a.marker!, a]));
    const wrong: string[] = [];
    const missingOk: string[] = [];
    const refusedButPresent: string[] = [];
    const duplicated: string[] = [];
    const unknownMarker: string[] = [];
    for (const [marker, places] of found) {
      const heading = /^\[M-\d{5} for (.+)\]$/.exec(marker)![1]!;
      const right = COMPOSER_OF_HEADING[heading];
      if (!right) throw new Error(`marker for an unknown heading: ${marker}`);
      for (const p of places) if (p.composer !== right) wrong.push(`${marker} in ${p.composer} (${p.kind})`);
      if (places.length > 1) duplicated.push(`${marker} ×${places.length}`);
      const attempt = byMarker.get(marker);
      if (!attempt) unknownMarker.push(marker);
      // Only "the composer did not accept the text" may leave text behind (it was pasted, then not seen).
      else if (attempt.outcome === 'refused' && !attempt.statusText?.includes('did not accept')) refusedButPresent.push(marker);
    }
    const ok = sent.filter((a) => a.outcome === 'ok');
    const refused = sent.filter((a) => a.outcome === 'refused');
    const unknown = sent.filter((a) => a.outcome === 'unknown');
    const landed = (a: InsertAttempt) => (found.get(a.marker!) ?? []).some((p) => p.composer === COMPOSER_OF_HEADING[a.heading!]);
    const statusMismatch: string[] = [];
    for (const a of ok) {
      if (!landed(a)) missingOk.push(`${a.marker} (${a.mode})`);
      // The status names the ticket the reply was for.
      const id = ticketIdOf(COMPOSER_OF_HEADING[a.heading!]!);
      if (a.statusText !== `Inserted into the composer of ticket #${id}.`) statusMismatch.push(`${a.marker}: ${a.statusText}`);
    }
    for (const a of refused) {
      const id = ticketIdOf(COMPOSER_OF_HEADING[a.heading!]!);
      if (a.statusText?.includes('belong') && !a.statusText.includes(`ticket #${id}`)) statusMismatch.push(`${a.marker}: ${a.statusText}`);
    }
    const count = (list: InsertAttempt[], key: (a: InsertAttempt) => string) =>
      list.reduce<Record<string, number>>((acc, a) => ((acc[key(a)] = (acc[key(a)] ?? 0) + 1), acc), {});
    const summary = {
      seed: SEED,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      switches: { total: totalSwitches(), ...switches },
      insertsAttempted: attempts.length,
      insertsSent: sent.length,
      notSent: count(attempts.filter((a) => !a.sent), (a) => a.why ?? '?'),
      ok: ok.length,
      okByComposer: count(ok, (a) => COMPOSER_OF_HEADING[a.heading!]!),
      refused: refused.length,
      refusedReasons: count(refused, (a) => (a.statusText ?? '').replace(/#?[\w-]*\d[\w-]*/g, '…').slice(0, 80)),
      // The panel moved on before the status showed: whether the text went in, from the composers.
      outcomeUnknown: { landedInItsComposer: unknown.filter(landed).length, notInserted: unknown.filter((a) => !landed(a)).length },
      outcomeTimeout: sent.filter((a) => a.outcome === 'timeout').length,
      byMode: count(sent, (a) => `${a.mode}:${a.outcome}`),
      pinEpisodes,
      followFailures: followFailures.length,
      markersFound: found.size,
      wrongInsertions: wrong.length,
    };
    console.log(`switch storm: ${JSON.stringify(summary, null, 2)}`);
    if (wrong.length) console.log(`wrong insertions:\n${wrong.join('\n')}`);

    expect(totalSwitches()).toBeGreaterThanOrEqual(200);
    expect(switches.zendesk).toBeGreaterThan(20);
    expect(switches.salesforce).toBeGreaterThan(20);
    expect(switches.browserTab).toBeGreaterThan(20);
    // Every marker in a composer is one the test typed, found whole and once.
    expect(looseCount).toBe([...found.values()].reduce((n, p) => n + p.length, 0));
    expect(unknownMarker).toEqual([]);
    expect(duplicated).toEqual([]);
    // The requirement: no draft ever lands in the composer of another ticket.
    expect(wrong).toEqual([]);
    // A refusal because another ticket is in front leaves every composer as it was.
    expect(refusedButPresent).toEqual([]);
    // Every insert reported done is in the composer of its ticket, and says so.
    expect(missingOk).toEqual([]);
    expect(statusMismatch).toEqual([]);
    expect(ok.length).toBeGreaterThanOrEqual(20);
    expect(ok.some((a) => a.heading!.startsWith('Ticket'))).toBe(true);
    expect(ok.some((a) => !a.heading!.startsWith('Ticket'))).toBe(true);
    expect(summary.outcomeTimeout).toBe(0);
    // Whenever the panel shows no pin, it shows the ticket in front (within 5 s).
    expect(followFailures).toEqual([]);
  });
});
