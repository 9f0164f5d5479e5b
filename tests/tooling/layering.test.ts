import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** Lints `code` as if it were the file at `relativePath` (which need not exist) and returns its rule ids and messages. */
async function lint(relativePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: join(root, relativePath) });
  if (!result) throw new Error('ESLint returned no result');
  return result.messages.map((message) => ({ ruleId: message.ruleId, message: message.message }));
}

describe('layering rules in eslint.config.js', () => {
  it.each([
    ['shared/', 'shared/import/fake.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n"],
    ['shared/', 'shared/model/fake.ts', "import { render } from '../renderer/x';\nexport const r = render;\n"],
    ['renderer/', 'renderer/features/import/fake.ts', "import { handler } from '../../../main/x';\nexport const h = handler;\n"],
    ['renderer/', 'renderer/platform/fake.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
    ['main/', 'main/fake.ts', "import { App } from '../renderer/x';\nexport const a = App;\n"],
  ])('reports a forbidden import in %s (%s)', async (_layer, path, code) => {
    const messages = await lint(path, code);
    expect(messages.map((message) => message.ruleId)).toContain('no-restricted-imports');
  });

  it.each([
    ['main/fake.ts', "import { ipcContract } from '../shared/ipc';\nexport const c = ipcContract;\n"],
    ['renderer/platform/fake.ts', "import { BRIDGE_GLOBAL } from '../../shared/ipc';\nexport const g = BRIDGE_GLOBAL;\n"],
    ['shared/ipc/fake.ts', "import { z } from 'zod';\nexport const s = z.string();\n"],
  ])('accepts a correct import in %s', async (path, code) => {
    expect(await lint(path, code)).toEqual([]);
  });

  it('says why an import is refused', async () => {
    const [message] = await lint('renderer/fake.ts', "import { app } from 'electron';\nexport const a = app;\n");
    expect(message?.message).toContain('renderer/ is sandboxed web code');
  });
});
