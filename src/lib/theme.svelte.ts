export type ThemeMode = 'system' | 'light' | 'dark';

const KEY = 'rivulet-theme';

/**
 * Light/dark theme: follows `prefers-color-scheme` until the user picks one with the toggle.
 * The choice is kept in localStorage and applied as `data-theme` on `<html>`.
 */
class Theme {
  mode = $state<ThemeMode>('system');
  private systemDark = $state(false);

  /** The theme in effect. */
  readonly dark = $derived(this.mode === 'dark' || (this.mode === 'system' && this.systemDark));

  constructor() {
    if (typeof window === 'undefined') return;
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    this.systemDark = media.matches;
    media.addEventListener('change', (event) => (this.systemDark = event.matches));
    const saved = readSaved();
    if (saved) this.set(saved);
  }

  set(mode: ThemeMode): void {
    this.mode = mode;
    const root = document.documentElement;
    if (mode === 'system') delete root.dataset.theme;
    else root.dataset.theme = mode;
    try {
      localStorage.setItem(KEY, mode);
    } catch (error) {
      console.warn('Rivulet: could not remember the theme choice:', error);
    }
  }

  /** Switches to the opposite of the theme in effect. */
  toggle(): void {
    this.set(this.dark ? 'light' : 'dark');
  }
}

function readSaved(): ThemeMode | null {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' || value === 'system' ? value : null;
  } catch {
    return null; // storage blocked: the theme simply follows the system
  }
}

export const theme = new Theme();
