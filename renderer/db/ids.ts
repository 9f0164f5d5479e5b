/** A random id for a new row; crypto.randomUUID exists in every secure context and worker we run in. */
export function newId(): string {
  return crypto.randomUUID();
}
