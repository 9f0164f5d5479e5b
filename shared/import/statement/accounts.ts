/** Account numbers as stored: as written, without spaces (the transfer importer's rule). */
export function normaliseAccount(raw: string): string {
  return raw.replace(/\s+/g, '');
}

/** Account numbers compared across statements and descriptions: "001-234567-8" and "0012345678" are one account. */
export function accountKey(raw: string): string {
  return raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
}
