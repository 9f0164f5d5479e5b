/**
 * Package engine figures (not a test: run by hand, see docs/benchmarks/share.md):
 *   node --import tsx tests/shared/package/benchmark.ts [transactions=100000] [runs=3]
 * A synthetic case with one party and one account per ten transactions, all
 * selected, default policy, passphrase protection (600,000 PBKDF2 iterations).
 */
import type { CaseDataset } from '../../../shared/model';
import { answerPsiRequest, buildPackage, createPsiRequest, defaultPolicy, finishPsi, generateUnitKeyPair, openPackage, publicKeysOf, randomBytes, sanitise } from '../../../shared/package';

const transactionsCount = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 3);
const source = { file: 'ab'.repeat(32), line: 1 };
const holders = Math.max(1, Math.floor(transactionsCount / 10));
const parties = Array.from({ length: holders }, (_, i) => ({ id: `CC:${5_000_000 + i}`, name: `Persona Número ${i}`, kind: 'person' as const, idNumber: `${5_000_000 + i}`, pep: false, birthDate: 315_532_800_000 + i * 86_400_000, source }));
const accounts = Array.from({ length: holders }, (_, i) => ({ id: `00${1_000_000 + i}`, holderId: `CC:${5_000_000 + i}`, holderName: `Persona Número ${i}`, institution: 'Banco', source }));
const transactions = Array.from({ length: transactionsCount }, (_, i) => ({
  id: `T${i}`, timestamp: 1_770_000_000_000 + i * 60_000, fromAccount: accounts[i % holders]!.id, toAccount: accounts[(i * 7 + 1) % holders]!.id,
  amount: 1000 + (i % 997) * 13, currency: 'COP', channel: 'wire' as const, fromPartyName: `Persona Número ${i % holders}`, source,
}));
const dataset: CaseDataset = { parties, accounts, transactions, shipments: [] };
const selection = { parties: parties.map((p) => p.id), accounts: accounts.map((a) => a.id), transactions: transactions.map((t) => t.id), shipments: [], alerts: [], charts: [] };
const sender = generateUnitKeyPair('A', Date.now());
const header = { originatingUnit: 'A', recipientUnit: 'B', reference: 'BENCH-1', purpose: 'p', legalBasis: 'l', classification: 'c', caveat: { en: 'x', es: 'y' }, expiresAt: Date.now() + 1e10, contact: 'c', createdAt: Date.now() };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const figures: Record<string, number[]> = { sanitise: [], build: [], open: [], psiRequest: [], psiAnswer: [], psiFinish: [] };
let bytes = 0;
for (let run = 0; run < runs; run++) {
  let start = performance.now();
  const { content } = sanitise({ dataset, alerts: [], charts: [], selection, policy: defaultPolicy(), pseudonymKey: randomBytes(32) });
  figures.sanitise!.push(performance.now() - start);
  start = performance.now();
  const built = await buildPackage({ header, content, policy: defaultPolicy(), sender, passphrase: 'benchmark passphrase' });
  figures.build!.push(performance.now() - start);
  bytes = built.bytes.length;
  start = performance.now();
  await openPackage(built.bytes, { keyBook: [publicKeysOf(sender)], passphrase: 'benchmark passphrase', now: Date.now() });
  figures.open!.push(performance.now() - start);
  // Private set intersection: every party and account selected on both sides (the worst case).
  start = performance.now();
  const { request, state } = createPsiRequest(dataset, selection);
  figures.psiRequest!.push(performance.now() - start);
  start = performance.now();
  const reply = answerPsiRequest(request, dataset, { maxRequestElements: Number.MAX_SAFE_INTEGER });
  figures.psiAnswer!.push(performance.now() - start);
  start = performance.now();
  finishPsi(state, request, reply);
  figures.psiFinish!.push(performance.now() - start);
}
console.log(`records: ${transactionsCount} transactions, ${holders} parties, ${holders} accounts; package ${(bytes / 1e6).toFixed(1)} MB; median of ${runs} runs (ms):`);
for (const [name, values] of Object.entries(figures)) console.log(`  ${name.padEnd(10)} ${Math.round(median(values))}   (runs: ${values.map(Math.round).join(', ')})`);
