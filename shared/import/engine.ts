import type { RecordKind } from '../model/records';
import type { ByteSource, ImportOptions, ImportOutcome } from './types';
import { ImportError } from './types';

export async function importCsv<K extends RecordKind>(source: ByteSource, _options: ImportOptions<K>): Promise<ImportOutcome> {
  throw new ImportError('not-ready', 'importCsv is being written (H1); the signature is final.', { file: source.name });
}
