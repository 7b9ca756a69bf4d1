import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { DiagnosticSink } from '../diagnostics';

/** A parsed YAML file that can say on which line any path of its value starts. */
export interface YamlSource {
  value: unknown;
  lineOf(path: readonly (string | number)[]): number;
}

export function loadYaml(text: string, sink: DiagnosticSink): YamlSource | undefined {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false });
  for (const e of doc.errors) sink.error(e.linePos?.[0]?.line ?? 1, `YAML: ${e.message.split('\n')[0]}`);
  if (doc.errors.length) return undefined;
  return {
    value: doc.toJS(),
    lineOf(path) {
      // Walk up the path until a node with a range is found.
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return 1;
    },
  };
}
