import { buildDocumentModel, type DocumentModel } from './documentModel';

/**
 * Document models by key and version. A hover on an unchanged document reuses its model; an edit
 * (new version) rebuilds it once. Bounded so closed documents do not pile up.
 */
export class DocumentCache {
  private readonly entries = new Map<string, { version: number; model: DocumentModel }>();
  constructor(private readonly capacity = 32) {}

  get(key: string, version: number, text: () => string): DocumentModel {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // Refresh recency.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.model;
    }
    const model = buildDocumentModel(text());
    this.entries.delete(key);
    this.entries.set(key, { version, model });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return model;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
