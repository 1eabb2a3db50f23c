import { deleteSavepoint, listSavepoints, type SavepointInfo } from '../../client/index.ts';
import { errorText } from './savepoint-actions.ts';

/**
 * The stored savepoints as both pages show them, reloaded after each change.
 *
 * @example
 * await savepoints.refresh(); // savepoints.items
 */
export class SavepointList {
  items = $state.raw<SavepointInfo[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  async refresh(): Promise<void> {
    try {
      this.items = await listSavepoints();
      this.error = null;
    } catch (e) {
      this.error = `Could not list the savepoints: ${errorText(e)}`;
    } finally {
      this.loaded = true;
    }
  }

  async remove(name: string): Promise<void> {
    try {
      await deleteSavepoint(name);
    } catch (e) {
      this.error = `Could not delete savepoint "${name}": ${errorText(e)}`;
    }
    await this.refresh();
  }
}

/** Shared by the Job and Data pages. @example savepoints.refresh() */
export const savepoints = new SavepointList();
