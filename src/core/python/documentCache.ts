import { buildIndexedModel, type DocumentModel, type IndexedModel } from './documentModel';
import { updateModel } from './incremental';

/**
 * Document models by key and version. A hover on an unchanged document reuses its model; an edit
 * (new version) updates the previous version's model incrementally (incremental.ts: only the
 * top-level statements around the edit are parsed again). Bounded so closed documents do not pile up.
 */
export class DocumentCache {
  private readonly entries = new Map<string, { version: number; built: IndexedModel }>();
  constructor(private readonly capacity = 32) {}

  get(key: string, version: number, text: () => string): DocumentModel {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // Refresh recency.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.built.model;
    }
    const built = hit ? updateModel(hit.built, text()) : buildIndexedModel(text());
    this.entries.delete(key);
    this.entries.set(key, { version, built });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return built.model;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
