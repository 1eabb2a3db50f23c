import { jobModuleUrlFromSource, runJob } from '../client/index.ts';

/**
 * The `?e2e` test hook: with `?e2e` in the URL (before the hash), `window.__rivulet` holds the
 * client's runJob and jobModuleUrlFromSource, so end-to-end tests can run job modules in the page.
 * Harmless: it exposes only what any page of the site may already call.
 */
export function installE2eHooks(): void {
  if (!new URLSearchParams(location.search).has('e2e')) return;
  (window as unknown as { __rivulet: unknown }).__rivulet = { runJob, jobModuleUrlFromSource };
}
