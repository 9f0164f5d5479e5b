import type { RecordKind } from '../model/records';
import type { CsvSniff, SuggestedMapping } from './types';
import { ImportError } from './types';

export function suggestMapping(_kind: RecordKind, _sniff: CsvSniff, _name?: string): SuggestedMapping {
  throw new ImportError('not-ready', 'suggestMapping is being written (H1); the signature is final.', { file: '(head)' });
}
