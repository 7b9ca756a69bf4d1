import type { CodeIndex } from '../code';
import type { Edit } from '../types';
import { bindingAt } from './bindings';
import { importLines } from './importLines';

/**
 * The edits that make `name` (from `module`) usable at token `at`: none when the file already
 * imports it, else `, name` appended to the file's first `from module import ...` line before `at`.
 * Undefined when there is no such line or `name` already means something else there: a quick fix
 * that needs the import is then not offered.
 */
export function importNameEdits(code: CodeIndex, module: string, name: string, at: number): Edit[] | undefined {
  const b = bindingAt(code, name, at);
  if (b) return b.value.kind === 'import' && b.value.path === `${module}.${name}` ? [] : undefined;
  const line = importLines(code).find((l) => l.kind === 'from' && l.first < at && l.modules[0]?.path === module && l.names.length > 0);
  if (!line) return undefined;
  const last = line.names[line.names.length - 1]!;
  const end = code.t.end[last.alias ? last.tok + 2 : last.tok]!;
  return [{ start: end, end, text: `, ${name}` }];
}
