/**
 * The `?e2e` test hook: with `?e2e` in the URL (before the hash), `window.__rivulet` holds the
 * client's runJob and jobModuleUrlFromSource (once loaded), so end-to-end tests can run job modules in the page.
 * Harmless: it exposes only what any page of the site may already call.
 */
export function installE2eHooks(): void {
  if (!new URLSearchParams(location.search).has('e2e')) return;
  // Loaded only then: the client (and the engine with it) stays out of the main bundle.
  void import('../client/index.ts').then(({ runJob, jobModuleUrlFromSource }) => {
    (window as unknown as { __rivulet: unknown }).__rivulet = { runJob, jobModuleUrlFromSource };
  });
}
