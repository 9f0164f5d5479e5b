/**
 * A Spanish phonetic key for one folded token (lower case, no accents): the
 * letters Spanish speakers write differently for the same sound collapse, so
 * "Vásquez", "Basques" and "Vazquez" share a key, as do "Hernández" and
 * "Ernandes", "Yépez" and "Llepes", "Quiñones" and "Kinones".
 *
 * Rules, in order: ch → X (its own sound); ll → y; qu → k; gue/gui → ge/gi
 * (hard g); ge/gi and j → J; ce/ci, z and s → s; other c, k and q → k; v and w
 * → b; ph → f; silent h goes; y before a consonant or at the end → i; n
 * before b/p → m; x between vowels or at the start → J (México, Ximena);
 * doubled letters collapse.
 */
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

export function spanishPhoneticKey(token: string): string {
  const s = token;
  let out = '';
  const push = (ch: string) => {
    if (out[out.length - 1] !== ch) out += ch;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const next = s[i + 1] ?? '';
    const after = s[i + 2] ?? '';
    switch (c) {
      case 'c':
        if (next === 'h') {
          push('X');
          i++;
        } else if (next === 'e' || next === 'i') push('s');
        else push('k');
        break;
      case 'l':
        if (next === 'l') {
          push('y');
          i++;
        } else push('l');
        break;
      case 'q':
        push('k');
        if (next === 'u' && (after === 'e' || after === 'i')) i++;
        break;
      case 'g':
        if (next === 'u' && (after === 'e' || after === 'i')) {
          push('g');
          i++;
        } else if (next === 'e' || next === 'i') push('J');
        else push('g');
        break;
      case 'j':
        push('J');
        break;
      case 'z':
      case 's':
        push('s');
        break;
      case 'k':
        push('k');
        break;
      case 'v':
      case 'w':
      case 'b':
        push('b');
        break;
      case 'p':
        if (next === 'h') {
          push('f');
          i++;
        } else push('p');
        break;
      case 'h':
        break;
      case 'y':
        if (next === '' || (!VOWELS.has(next) && i > 0)) push('i');
        else push('y');
        break;
      case 'n':
        push(next === 'b' || next === 'p' || next === 'v' ? 'm' : 'n');
        break;
      case 'x':
        if (i === 0 || (VOWELS.has(s[i - 1] ?? '') && VOWELS.has(next))) push('J');
        else push('ks');
        break;
      case 't':
        if (next === 'z') {
          push('s');
          i++;
        } else push('t');
        break;
      default:
        push(c);
    }
  }
  return out;
}

/**
 * Damerau–Levenshtein distance (adjacent transpositions count one), giving
 * up once it is certainly above `max`: names are compared millions of times
 * and only distances of 0–2 matter.
 */
const ROWS = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

export function editDistance(a: string, b: string, max = 2): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (lb >= 63 || la >= 63) return a === b ? 0 : max + 1;
  // Three reused rows: this runs millions of times per screening and must not allocate.
  let prevPrev = ROWS[0] as Int32Array;
  let prev = ROWS[1] as Int32Array;
  let current = ROWS[2] as Int32Array;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let value = Math.min((prev[j] as number) + 1, (current[j - 1] as number) + 1, (prev[j - 1] as number) + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) value = Math.min(value, (prevPrev[j - 2] as number) + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const spare = prevPrev;
    prevPrev = prev;
    prev = current;
    current = spare;
  }
  return prev[lb] as number;
}
