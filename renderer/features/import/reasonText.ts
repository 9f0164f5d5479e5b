/**
 * File-level errors name their file first ("x.xlsx: the workbook is password-protected", "r.xml, line 4, column 2:
 * …"), as every error must; the import screens put the file's name in front of the reason too, so the name read
 * twice ("x.xlsx: x.xlsx: …"). The screens show the reason without its leading file name; a reason that does not
 * start with it (an unexpected error) is shown whole.
 */
export function reasonAfterFile(file: string, reason: string): string {
  if (!file || !reason.startsWith(file)) return reason;
  const rest = reason.slice(file.length);
  if (rest.startsWith(': ')) return rest.slice(2);
  if (rest.startsWith(', ')) return rest.slice(2);
  return reason;
}
