import { expect } from 'vitest';
import { ListImportError, parseListFiles } from '../../../shared/screen/lists';

/** The message a list file is refused with (a ListImportError); a file that is accepted fails the test. */
export function listRefusal(name: string, text: string): string {
  try {
    parseListFiles([{ name, text }]);
  } catch (error) {
    expect(error).toBeInstanceOf(ListImportError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}
