/**
 * What the bench and eval scripts put into a page: the adapters and the
 * content script's watcher, the same code the extension runs.
 */
export { readPage } from '../../lib/adapters/read-page';
export { ADAPTERS } from '../../lib/adapters/registry';
export { watchTickets } from '../../lib/content/ticket-watcher';
