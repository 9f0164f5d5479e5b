import { CaudalDatabase } from './schema';

let instance: CaudalDatabase | null = null;

/** One connection per page or worker; tests pass their own name for isolation. */
export function database(): CaudalDatabase {
  instance ??= new CaudalDatabase();
  return instance;
}

export function useDatabaseForTests(db: CaudalDatabase): void {
  instance = db;
}
