/**
 * The partner's brute force against a match request (not a test: run by hand):
 *   node scripts/run-ts.mjs tests/shared/package/psiEnumeration.ts [first=10000000] [count=100000]
 * count=90000000 from 10000000 walks the whole 8-digit space (hours on one core).
 *
 * The requester's selection holds 40 real 8-digit cédulas spread over the
 * enumerated range. The "partner" holds everything it receives (the request's
 * elements, its own reply) and a scalar of its choosing, hashes every
 * candidate onto the curve exactly as the protocol does and looks for it among
 * what it received, raw and under its scalar. It reports how many real numbers
 * it recovered (always 0: the map from a candidate to a received element goes
 * through the requester's secret scalar) and, as a control on the same
 * candidates, how many the same loop recovers once the requester's scalar
 * leaks (all 40).
 */
import type { Party } from '../../../shared/model';
import { answerPsiRequest, createPsiRequest, hashToGroup, matchInputs, randomScalar, scalarFromHex, toHex } from '../../../shared/package';

const first = Number(process.argv[2] ?? 10_000_000);
const count = Number(process.argv[3] ?? 100_000);
const source = { file: 'ab'.repeat(32), line: 1 };
const party = (id: string, digits: number): Party => ({ id, name: `Persona ${id}`, kind: 'person', idType: 'CC', idNumber: String(digits).padStart(8, '0'), nationality: 'CO', pep: false, source });
const real = Array.from({ length: 40 }, (_, index) => first + Math.floor(((index + 0.5) * count) / 40));
const requester = { parties: real.map((digits, index) => party(`R${index}`, digits)), accounts: [] };
const { request, state } = createPsiRequest(requester, { parties: requester.parties.map((entry) => entry.id), accounts: [] });
const reply = answerPsiRequest(request, { parties: [party('B1', real[0] ?? 0)], accounts: [] }, { maxRequestElements: 1000 });
const received = new Set([...request.elements, ...reply.reblinded, ...reply.own]);
const attackerScalar = randomScalar();
const leakedScalar = scalarFromHex(state.scalar);

let recovered = 0;
let recoveredWithLeak = 0;
const started = performance.now();
for (let digits = first; digits < first + count; digits++) {
  const input = matchInputs({ kind: 'party', party: party('?', digits) })[0]?.input ?? '';
  const point = hashToGroup(input);
  if (received.has(toHex(point.toBytes())) || received.has(toHex(point.multiply(attackerScalar).toBytes()))) recovered++;
  if (real.includes(digits) && received.has(toHex(point.multiply(leakedScalar).toBytes()))) recoveredWithLeak++;
  if ((digits - first) % 50_000 === 49_999) console.error(`… ${digits - first + 1} candidates, ${recovered} recovered`);
}
const seconds = (performance.now() - started) / 1000;
const perCandidate = seconds / count;
console.log(`candidates ${first}..${first + count - 1} (${count}), real IDs among them: ${real.length}`);
console.log(`recovered without the requester's scalar: ${recovered}`);
console.log(`recovered by the same loop once the scalar leaks (control): ${recoveredWithLeak} of ${real.length}`);
console.log(`time ${seconds.toFixed(1)} s, ${(perCandidate * 1e6).toFixed(0)} µs per candidate; the full 10^8 space at this rate: ${((perCandidate * 1e8) / 3600).toFixed(1)} h — and it would find nothing either, for the same reason`);
