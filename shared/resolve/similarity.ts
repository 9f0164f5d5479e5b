import { coreNameTokens } from './names';

/** Jaro-Winkler similarity of two tokens (0..1): forgiving of one-letter typos and transpositions. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Token similarity of two names (0..1), order-free and suffix-free: the Dice
 * coefficient over tokens, where tokens match exactly or, when four letters
 * or longer, by Jaro-Winkler ≥ 0.92. "MUÑOZ GOMEZ, JOSE" and "José Muñoz
 * Gómez" score 1; "Jose Munos" and "José Muñoz" score 1 too.
 */
export function nameSimilarity(a: string, b: string): number {
  const left = coreNameTokens(a);
  const right = coreNameTokens(b);
  if (left.length === 0 || right.length === 0) return 0;
  const used = new Array<boolean>(right.length).fill(false);
  let matched = 0;
  for (const token of left) {
    let best = -1;
    let bestScore = 0;
    right.forEach((other, index) => {
      if (used[index]) return;
      const score = token === other ? 1 : token.length >= 4 && other.length >= 4 ? jaroWinkler(token, other) : 0;
      if (score > bestScore) {
        bestScore = score;
        best = index;
      }
    });
    if (best >= 0 && bestScore >= 0.92) {
      used[best] = true;
      matched++;
    }
  }
  return (2 * matched) / (left.length + right.length);
}
