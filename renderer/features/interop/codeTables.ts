import { DEFAULT_GOAML_CODES, GoamlCodeMapsSchema, type GoamlCodeMaps } from '../../../shared/interop/goaml';

/**
 * The goAML code tables as the analyst edits them: one `CODE = value` per
 * line per list. Pure, so the editor's parsing is tested in Node.
 */
export const CODE_LISTS = ['transmode', 'funds', 'role', 'identification'] as const;
export type CodeListName = (typeof CODE_LISTS)[number];

export function tableText(table: Record<string, string> | undefined): string {
  return Object.entries(table ?? {})
    .map(([code, value]) => `${code} = ${value}`)
    .join('\n');
}

export type ParsedTables = { ok: true; codes: Record<string, Record<string, string>> } | { ok: false; list: CodeListName; line: number; message: string };

/** Reads the four texts back; a bad line is named by list and line, with the values that list accepts. */
export function parseTables(texts: Record<CodeListName, string>): ParsedTables {
  const codes: Record<string, Record<string, string>> = {};
  for (const list of CODE_LISTS) {
    const table: Record<string, string> = {};
    const lines = texts[list].split('\n');
    for (let index = 0; index < lines.length; index += 1) {
      const line = (lines[index] as string).trim();
      if (line === '' || line.startsWith('#')) continue;
      const match = /^(.+?)\s*=\s*(.+)$/.exec(line);
      if (!match) return { ok: false, list, line: index + 1, message: `expected CODE = value, got '${line}'` };
      table[(match[1] as string).trim()] = (match[2] as string).trim();
    }
    codes[list] = table;
  }
  const checked = GoamlCodeMapsSchema.safeParse(codes);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const list = (issue?.path[0] as CodeListName | undefined) ?? 'transmode';
    const code = String(issue?.path[1] ?? '');
    const line = texts[list].split('\n').findIndex((text) => text.trim().startsWith(code)) + 1;
    return { ok: false, list, line: Math.max(1, line), message: `'${code}': ${issue?.message ?? 'invalid value'}` };
  }
  return { ok: true, codes };
}

/** The default entries of one list, shown beside the editor so the analyst sees what is already known. */
export function defaultsOf(list: CodeListName): string {
  return tableText((DEFAULT_GOAML_CODES as GoamlCodeMaps)[list]);
}
