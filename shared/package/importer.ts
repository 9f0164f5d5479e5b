import { openPackage, type OpenPackageOptions, type OpenedPackage } from './container';

/** Where an accepted package's content goes (the renderer implements it over IndexedDB). */
export interface PackageStore {
  /** Stores everything in one transaction; called only after full verification. */
  saveReceived(opened: OpenedPackage, fileName: string): Promise<string>;
}

/**
 * Open then store: verification, decryption and validation finish before the
 * store is touched, so a refused package leaves no trace at all.
 */
export async function importPackage(bytes: Uint8Array, fileName: string, options: OpenPackageOptions, store: PackageStore): Promise<{ opened: OpenedPackage; caseId: string }> {
  const opened = await openPackage(bytes, options);
  const caseId = await store.saveReceived(opened, fileName);
  return { opened, caseId };
}
