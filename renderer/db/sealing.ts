import type { DBCore, DBCoreCursor, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { gcm } from '@noble/ciphers/aes.js';
import { canonicalJson } from '../../shared/audit';
import { decodeSealable, encodeSealable } from '../../shared/audit/sealCodec';

/**
 * Data at rest: a DBCore middleware that encrypts every stored row of the
 * tables holding case content — record chunks, imports (with quarantined
 * values), alerts, triage notes, party merges, charts, partner packages and
 * re-identification tables — with AES-256-GCM under the workstation's data
 * key (unsealed by an analyst's passphrase, see shared/audit/identity.ts).
 * Features keep reading and writing plain objects: the middleware sits
 * between Dexie and IndexedDB.
 *
 * A sealed row keeps only its primary key and indexed fields in clear (the
 * queries need them); the rest is one ciphertext whose additional data binds
 * it to its table and those clear fields, so a ciphertext moved to another
 * case, table or import does not open. A row that does not open is reported,
 * never returned half-read.
 *
 * Writes and keyed reads use WebCrypto (AES-NI speed) while a keep-alive
 * request holds the IndexedDB transaction open; cursor reads, which must hand
 * a value over synchronously, use the same AES-GCM from @noble/ciphers.
 */

export const SEALED_TABLES: ReadonlySet<string> = new Set([
  'chunks',
  'imports',
  'alertRuns',
  'triage',
  'partyMerges',
  'charts',
  'packages',
  // Case content added by the later migrations: analysts' rules and notes, party links, statements
  // (holders, balances), PSI exchanges (the secret scalar and which record each element stands for),
  // screening hits and decisions.
  'suppressionRules',
  'relationships',
  'statements',
  'matchExchanges',
  'screeningRuns',
  'screeningDecisions',
  // Issue 12 (v11): manifests list every alert id and the profile.
  'analysisManifests',
]);
export const SEALED_FIELD = '$sealed';
const IV_BYTES = 12;

type KeyProvider = () => Uint8Array | null;
let keyProvider: KeyProvider = () => null;

/** Where the middleware gets the data key: the unlocked session in the page, the key handed over in a worker. */
export function setSealingKeyProvider(provider: KeyProvider): void {
  keyProvider = provider;
}

/** Whether writes made now would be sealed as far as the key goes (the re-encryption pass checks before it starts). */
export const sealingKeyAvailable = (): boolean => keyProvider() !== null;

/**
 * Benchmarks compare sealing on and off, and two e2e tests that read IndexedDB directly switch it off;
 * the setting only affects writes made while it is set (sealed rows still open).
 */
const SEALING_OFF_KEY = 'caudal.bench.sealing';
let offInThisWorker = false;
/** Workers have no localStorage: the page passes its switch along with the key. */
export function setSealingOffInWorker(off: boolean): void {
  offInThisWorker = off;
}
export const sealingDisabled = (): boolean => offInThisWorker || globalThis.localStorage?.getItem(SEALING_OFF_KEY) === 'off';

export class SealedRowError extends Error {
  constructor(table: string, detail: string) {
    super(`${table}: a stored row cannot be opened (${detail}): the database was altered outside Caudal, or it belongs to another workstation`);
    this.name = 'SealedRowError';
  }
}

export class LockedError extends Error {
  constructor(table: string) {
    super(`${table}: Caudal is locked; unlock to read case data`);
    this.name = 'LockedError';
  }
}

interface TableShape {
  clearFields: string[];
  /** Auto-increment primary key: unknown when a row is added, so it is kept out of the additional data. */
  generatedKey: string | null;
}

function shapeOf(table: DBCoreTable): TableShape {
  const fields = new Set<string>();
  const add = (keyPath: string | string[] | null) => {
    if (keyPath === null) return;
    for (const path of Array.isArray(keyPath) ? keyPath : [keyPath]) fields.add(path.split('.')[0] as string);
  };
  const primary = table.schema.primaryKey;
  add(primary.keyPath);
  for (const index of table.schema.indexes) add(index.keyPath);
  const generatedKey = primary.autoIncrement && typeof primary.keyPath === 'string' ? primary.keyPath : null;
  return { clearFields: [...fields].sort(), generatedKey };
}

type Row = Record<string, unknown>;

const textEncoder = new TextEncoder();

function additionalData(tableName: string, shape: TableShape, clear: Row): Uint8Array {
  const bound: Row = {};
  for (const field of shape.clearFields) if (field !== shape.generatedKey && clear[field] !== undefined) bound[field] = clear[field];
  return textEncoder.encode(`caudal-sealed-row-v1\n${tableName}\n${canonicalJson(bound)}`);
}

function split(shape: TableShape, value: Row): { clear: Row; secret: Row } {
  const clear: Row = {};
  const secret: Row = {};
  for (const [key, member] of Object.entries(value)) {
    if (shape.clearFields.includes(key)) clear[key] = member;
    else secret[key] = member;
  }
  return { clear, secret };
}

const isSealed = (value: unknown): value is Row & { [SEALED_FIELD]: Uint8Array } => typeof value === 'object' && value !== null && (value as Row)[SEALED_FIELD] instanceof Uint8Array;

const webKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();
function webKey(key: Uint8Array): Promise<CryptoKey> {
  let handle = webKeys.get(key);
  if (!handle) {
    handle = crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt']);
    webKeys.set(key, handle);
  }
  return handle;
}

async function sealRow(tableName: string, shape: TableShape, key: Uint8Array, value: unknown, keepPlain?: (plain: Uint8Array) => void): Promise<unknown> {
  if (typeof value !== 'object' || value === null || isSealed(value)) return value;
  const { clear, secret } = split(shape, value as Row);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = encodeSealable(secret);
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: additionalData(tableName, shape, clear) as Uint8Array<ArrayBuffer>, tagLength: 128 }, await webKey(key), plain as Uint8Array<ArrayBuffer>),
  );
  keepPlain?.(plain);
  const sealed = new Uint8Array(IV_BYTES + ciphertext.byteLength);
  sealed.set(iv, 0);
  sealed.set(ciphertext, IV_BYTES);
  return { ...clear, [SEALED_FIELD]: sealed };
}

function merge(clear: Row, secret: unknown): Row {
  return { ...(secret as Row), ...clear };
}

function clearPart(value: Row): Row {
  const { [SEALED_FIELD]: _sealed, ...clear } = value;
  return clear;
}

async function openRow(tableName: string, shape: TableShape, value: unknown): Promise<unknown> {
  if (!isSealed(value)) return value;
  const key = keyProvider();
  if (!key) throw new LockedError(tableName);
  const clear = clearPart(value);
  const sealed = value[SEALED_FIELD];
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.subarray(0, IV_BYTES) as Uint8Array<ArrayBuffer>, additionalData: additionalData(tableName, shape, clear) as Uint8Array<ArrayBuffer>, tagLength: 128 }, await webKey(key), sealed.subarray(IV_BYTES) as Uint8Array<ArrayBuffer>),
    );
  } catch {
    throw new SealedRowError(tableName, 'authentication failed');
  }
  const opened = merge(clear, decodeSealable(plain));
  // Issue 10: decodeSealable copied what it needs; free the decrypted block now rather than at the next full GC (a case load opens ~70 MB per million rows).
  (plain.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer }).transfer?.(0);
  return opened;
}

function openRowSync(tableName: string, shape: TableShape, value: unknown): unknown {
  if (!isSealed(value)) return value;
  const key = keyProvider();
  if (!key) throw new LockedError(tableName);
  const clear = clearPart(value);
  const sealed = value[SEALED_FIELD];
  let plain: Uint8Array;
  try {
    plain = gcm(key, sealed.subarray(0, IV_BYTES), additionalData(tableName, shape, clear)).decrypt(sealed.subarray(IV_BYTES));
  } catch {
    throw new SealedRowError(tableName, 'authentication failed');
  }
  return merge(clear, decodeSealable(plain));
}

/**
 * IndexedDB commits a transaction as soon as no request is pending; WebCrypto
 * runs outside it. Small reads on a key that cannot exist keep it open until
 * the encryption is done.
 */
function keepAlive(table: DBCoreTable, trans: DBCoreTransaction, work: Promise<unknown>): void {
  let done = false;
  const finish = () => {
    done = true;
  };
  work.then(finish, finish);
  const ping = (): void => {
    if (done) return;
    table.get({ trans, key: Number.NEGATIVE_INFINITY }).then(ping, finish);
  };
  ping();
}

export const sealingMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'caudal-sealing',
  // Below Dexie's hooks middleware (level 2): table hooks such as the chunk format normaliser
  // (schema.ts) must see and shape the clear row before it is sealed, never the sealed envelope.
  level: 1.5,
  create(down) {
    return {
      ...down,
      table(tableName) {
        const table = down.table(tableName);
        if (!SEALED_TABLES.has(tableName)) return table;
        const shape = shapeOf(table);
        const openAll = (trans: DBCoreTransaction, values: unknown[]): Promise<unknown[]> => {
          if (!values.some(isSealed)) return Promise.resolve(values);
          const work = Promise.all(values.map((value) => openRow(tableName, shape, value)));
          keepAlive(table, trans, work);
          return work;
        };
        return {
          ...table,
          mutate(req) {
            if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
            const key = keyProvider();
            if (!key || sealingDisabled()) return table.mutate(req);
            const work = Promise.all(req.values.map((value) => sealRow(tableName, shape, key, value)));
            keepAlive(table, req.trans, work);
            return work.then((values) => table.mutate({ ...req, values }));
          },
          get(req) {
            return table.get(req).then((value) => (isSealed(value) ? openAll(req.trans, [value]).then(([opened]) => opened) : value));
          },
          getMany(req) {
            return table.getMany(req).then((values) => openAll(req.trans, values));
          },
          query(req) {
            return table.query(req).then((response) => (req.values ? openAll(req.trans, response.result).then((result) => ({ ...response, result })) : response));
          },
          openCursor(req) {
            return table.openCursor(req).then((cursor) => {
              if (!cursor || !req.values) return cursor;
              let openedFor: unknown = undefined;
              let opened: unknown = undefined;
              // The real cursor is a native IDBCursor: its getters and methods must run on it, never on a wrapper.
              const delegate = (name: keyof DBCoreCursor) => ({ get: () => cursor[name] });
              const method = (name: 'continue' | 'continuePrimaryKey' | 'advance' | 'start' | 'stop' | 'next' | 'fail') => ({ value: (...args: unknown[]) => (cursor[name] as (...a: unknown[]) => unknown).apply(cursor, args) });
              return Object.create(cursor, {
                trans: delegate('trans'),
                key: delegate('key'),
                primaryKey: delegate('primaryKey'),
                done: delegate('done'),
                continue: method('continue'),
                continuePrimaryKey: method('continuePrimaryKey'),
                advance: method('advance'),
                start: method('start'),
                stop: method('stop'),
                next: method('next'),
                fail: method('fail'),
                value: {
                  get() {
                    const raw = cursor.value;
                    if (raw !== openedFor) {
                      openedFor = raw;
                      opened = openRowSync(tableName, shape, raw);
                    }
                    return opened;
                  },
                },
              }) as DBCoreCursor;
            });
          },
        };
      },
    };
  },
};

/**
 * Seals a row of `tableName` now, exactly as the middleware would when it is added, so it can be
 * handed on as bytes (issue 10: the import worker seals each record chunk itself and moves the sealed
 * bytes to the chunk writer instead of structured-cloning the clear chunk to it). The middleware
 * stores an already sealed row as it is. Returns the row unchanged when no sealing applies. `keepPlain` is given
 * the encoded clear bytes of the sealed part (encodeSealable) once they are encrypted (issue 10: the import hands
 * them to the page, which decodes its new rows from them instead of reading IndexedDB back).
 */
export async function sealRowBeforeAdd<Value extends object>(db: { core?: DBCore }, tableName: string, value: Value, keepPlain?: (plain: Uint8Array) => void): Promise<Value | (Row & { [SEALED_FIELD]: Uint8Array })> {
  const key = keyProvider();
  if (!key || sealingDisabled() || !SEALED_TABLES.has(tableName) || !db.core) return value;
  return (await sealRow(tableName, shapeOf(db.core.table(tableName)), key, value, keepPlain)) as Row & { [SEALED_FIELD]: Uint8Array };
}
