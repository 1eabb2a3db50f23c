import { registerSW } from 'virtual:pwa-register';
import { alerts } from './alerts.svelte.ts';

/**
 * Registers the service worker that precaches the built site (vite-plugin-pwa, see vite.config.ts),
 * so the workbench loads and runs offline after its first visit. A browser that refuses it (private
 * mode, a policy, no service workers) keeps working online, and a banner says offline use is off.
 * When a new version of the site is deployed, its worker waits and a banner offers to reload: the
 * page is never reloaded under a running job or an unsaved edit.
 *
 * @example registerServiceWorker(); // once, at start-up
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) {
    offlineUnavailable(
      'this browser offers no service workers here (a private window or a policy may turn them off)',
    );
    return;
  }
  const update = registerSW({
    immediate: true,
    onNeedRefresh: () =>
      alerts.show({
        id: 'update',
        kind: 'info',
        title: 'New version',
        message:
          'A new version of Rivulet is ready. Reload to use it (a running job stops; checkpointed jobs resume).',
        action: { label: 'Reload', run: () => void update(true) },
      }),
    onRegisterError: (error: unknown) =>
      offlineUnavailable(error instanceof Error ? error.message : String(error)),
  });
}

function offlineUnavailable(reason: string): void {
  alerts.show({
    id: 'offline',
    kind: 'warning',
    title: 'Offline use is off',
    message: `The site could not install its offline copy: ${reason}. It works while online; reload once the cause is gone.`,
  });
}
