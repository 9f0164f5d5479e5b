import type { CsvSniff } from './types';
import type { MappingSpec } from './spec';
import { ImportError } from './types';

export function sniffCsv(_head: Uint8Array, _overrides?: Partial<Pick<MappingSpec, 'encoding' | 'delimiter' | 'skipLines'>>): CsvSniff {
  throw new ImportError('not-ready', 'sniffCsv is being written (H1); the signature is final.', { file: '(head)' });
}
