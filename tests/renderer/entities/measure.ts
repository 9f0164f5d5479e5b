/**
 * Measures entity resolution at scale (not a test; run by hand):
 *   npx tsx tests/renderer/entities/measure.ts [parties=20000] [transactions=1000000]
 * Every tenth party appears again in a second file with its ID typed OTHER and
 * its name in capitals, so automatic resolution has 10% of records to join.
 */
import type { Account, Party, Transaction } from '../../../shared/model';
import { proposeDuplicates, resolveParties } from '../../../shared/resolve';
import { partyFacts } from '../../../renderer/features/entities/facts';
import { resolveCaseDataset } from '../../../shared/resolve';

const BANK = 'a'.repeat(64);
const REGISTRY = 'b'.repeat(64);
const FIRST = ['Carlos', 'Ana', 'Luis', 'María', 'José', 'Paola', 'Jhon', 'Luz', 'Andrés', 'Diana', 'Jorge', 'Sandra'];
const LAST = ['Gómez', 'Arango', 'Salazar', 'Moreno', 'Rodríguez', 'López', 'Martínez', 'Pérez', 'García', 'Torres', 'Ramírez', 'Rojas', 'Vargas', 'Castro', 'Ortiz', 'Jaramillo'];
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const partyCount = Number(process.argv[2] ?? 20_000);
const transactionCount = Number(process.argv[3] ?? 1_000_000);
const parties: Party[] = [];
for (let i = 0; i < partyCount; i++) {
  const idNumber = String(10_000_000 + i * 7);
  const name = `${pick(FIRST)} ${pick(LAST)} ${pick(LAST)} ${i % 97}`;
  parties.push({ id: `CC:${idNumber}`, name, kind: 'person', idType: 'CC', idNumber, pep: false, source: { file: BANK, line: i + 2 } });
  if (i % 10 === 0) parties.push({ id: `OTHER:${idNumber}`, name: name.toUpperCase(), kind: 'person', idType: 'OTHER', idNumber, pep: false, source: { file: REGISTRY, line: i + 2 } });
}
const accounts: Account[] = Array.from({ length: partyCount }, (_, i) => ({ id: `ACC${i}`, holderId: String(10_000_000 + i * 7), source: { file: BANK, line: i + 2 } }));
const transactions: Transaction[] = Array.from({ length: transactionCount }, (_, i) => {
  const from = Math.floor(random() * partyCount);
  const to = Math.floor(random() * partyCount);
  return { id: `T${i}`, timestamp: i, fromAccount: `ACC${from}`, toAccount: `ACC${to}`, amount: 10, currency: 'COP', channel: 'wire', fromPartyId: String(10_000_000 + from * 7), source: { file: BANK, line: i + 2 } };
});
const raw = { parties, accounts, transactions, shipments: [] };
const merges = Array.from({ length: 10 }, (_, k) => ({ decision: 'merged' as const, keepId: `CC:${10_000_000 + k * 14}`, mergedIds: [`CC:${10_000_000 + k * 14 + 7}`], confirmedAt: k }));

function time<T>(label: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  console.log(`${label.padEnd(44)} ${Math.round(performance.now() - started)} ms`);
  return result;
}

console.log(`${parties.length} party records, ${transactionCount} transactions`);
for (let run = 1; run <= 3; run++) {
  console.log(`run ${run}`);
  time('resolveParties over every record (engine)', () => resolveParties(parties));
  time('resolveCaseDataset, no confirmed merges', () => resolveCaseDataset(raw, []));
  const resolved = time('resolveCaseDataset, 10 confirmed merges', () => resolveCaseDataset(raw, merges));
  time('partyFacts (view, worker)', () => partyFacts(resolved.dataset));
  time('proposeDuplicates (view, worker)', () => proposeDuplicates(resolved.dataset.parties, resolved.dataset.accounts, resolved.dataset.transactions));
}
