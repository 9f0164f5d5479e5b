import { HYPOCORISMS } from './hypocorisms';
import type { ListEntry, ScreeningSubject } from './types';

/**
 * A labelled screening test set, generated from a seed: list entries (people
 * with two surnames, aliases, birth dates, nationalities, IDs; companies with
 * legal forms), parties that are true variations of an entry (every variation
 * the matcher claims to handle) and hard decoys (same given names with other
 * surnames, same surnames with other given names, the same common name with a
 * contradicting birth date or nationality, another second surname, a company
 * sharing only generic words). Filler parties make up the volume for speed runs.
 */
export type Variation =
  | 'exact'
  | 'accents'
  | 'no-maternal'
  | 'no-second-given'
  | 'nickname'
  | 'phonetic'
  | 'typo'
  | 'surname-first'
  | 'particle'
  | 'alias'
  | 'id-formatted'
  | 'company-suffix'
  | 'company-accents'
  /** Two or three of accents, no second surname, nickname, sound-alike and typo at once. */
  | 'combined';

export type DecoyKind = 'same-given-other-surnames' | 'same-surnames-other-given' | 'common-name-birth-contradicts' | 'common-name-nationality-contradicts' | 'other-maternal' | 'company-generic-words';

export interface LabelledParty {
  subject: ScreeningSubject;
  /** The entry this party truly is (true pairs only). */
  entryId?: string;
  variation?: Variation;
  /** The entry a decoy was made from (decoys only). */
  sourceEntryId?: string;
  decoy?: DecoyKind;
}

export interface TestSet {
  entries: ListEntry[];
  parties: LabelledParty[];
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MALE = ['José', 'Juan', 'Luis', 'Carlos', 'Jorge', 'Pedro', 'Miguel', 'Francisco', 'Antonio', 'Manuel', 'Jesús', 'Javier', 'Alejandro', 'Fernando', 'Ricardo', 'Roberto', 'Eduardo', 'Sergio', 'Rafael', 'Daniel', 'Andrés', 'Diego', 'Óscar', 'Héctor', 'Raúl', 'Alberto', 'Enrique', 'Arturo', 'Mario', 'Víctor', 'Gustavo', 'Guillermo', 'Ramón', 'Rodrigo', 'Gabriel', 'Ignacio', 'Felipe', 'Gerardo', 'Salvador', 'Humberto', 'Hernando', 'Alfonso', 'Adolfo', 'Gonzalo', 'Vicente', 'Hugo', 'Wilson', 'Jairo', 'Yesid', 'Brayan'];
const FEMALE = ['María', 'Ana', 'Carmen', 'Rosa', 'Laura', 'Patricia', 'Martha', 'Teresa', 'Lucía', 'Isabel', 'Sofía', 'Paula', 'Elena', 'Claudia', 'Adriana', 'Andrea', 'Mónica', 'Sandra', 'Gloria', 'Beatriz', 'Verónica', 'Diana', 'Gabriela', 'Daniela', 'Valentina', 'Camila', 'Natalia', 'Carolina', 'Guadalupe', 'Dolores', 'Mercedes', 'Consuelo', 'Rosario', 'Pilar', 'Concepción', 'Yolanda', 'Margarita', 'Leticia', 'Ximena', 'Josefa', 'Francisca', 'Alicia'];
const COMMON_SURNAMES = ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Díaz', 'Hernández', 'Álvarez', 'Jiménez', 'Moreno', 'Muñoz', 'Romero', 'Alonso', 'Gutiérrez', 'Ruiz', 'Torres', 'Vásquez', 'Ramírez', 'Castro', 'Vargas', 'Rojas', 'Ortiz', 'Herrera', 'Medina', 'Aguilar', 'Suárez', 'Ríos', 'Mejía', 'Cárdenas', 'Zapata', 'Velásquez', 'Quintero', 'Restrepo', 'Ospina', 'Cabrera', 'Villalobos', 'Quiñones', 'Yépez', 'Bravo', 'Benítez', 'Valencia', 'Cortés', 'Salazar', 'Arango', 'Betancourt', 'Henao', 'Giraldo', 'Londoño', 'Zuluaga', 'Arroyo', 'Navarro', 'Guzmán', 'Escobar', 'Castillo', 'Chávez', 'Villanueva', 'Hidalgo', 'Cervantes', 'Cisneros', 'Echeverría', 'Galindo', 'Llanos', 'Olivares', 'Peña', 'Quiroga', 'Zambrano'];
const PARTICLE_SURNAMES = [['de la', 'Cruz'], ['del', 'Valle'], ['de', 'León'], ['de los', 'Santos'], ['de la', 'Torre'], ['del', 'Río']];
const SYLLABLES = ['ba', 'ca', 'da', 'fa', 'ga', 'la', 'ma', 'na', 'pa', 'ra', 'sa', 'ta', 'va', 'za', 'be', 'ce', 'de', 'le', 'me', 'ne', 're', 'se', 'te', 'bi', 'ci', 'di', 'li', 'mi', 'ni', 'ri', 'si', 'ti', 'bo', 'co', 'do', 'go', 'lo', 'mo', 'no', 'po', 'ro', 'so', 'to', 'bu', 'cu', 'du', 'gu', 'lu', 'mu', 'nu', 'ru', 'su', 'tu', 'ar', 'er', 'ir', 'or', 'ur', 'al', 'el', 'il', 'ol', 'an', 'en', 'on', 'es', 'as', 'os'];
const ENDINGS = ['ez', 'es', 'az', 'ano', 'ero', 'illo', 'ada', 'ote', 'uela', 'ino', 'ena', 'ales', 'ori', 'undo'];
const COMPANY_HEADS = ['Comercializadora', 'Inversiones', 'Servicios', 'Grupo', 'Distribuidora', 'Constructora', 'Importadora', 'Transportes', 'Agropecuaria', 'Industrias', 'Consultores'];
const COMPANY_WORDS = ['Andes', 'Pacífico', 'Caribe', 'Orinoco', 'Sierra', 'Aurora', 'Cóndor', 'Jaguar', 'Horizonte', 'Esmeralda', 'Bahía', 'Volcán', 'Quetzal', 'Maya', 'Azteca', 'Inca', 'Cumbre', 'Llanura', 'Palmar', 'Ceiba', 'Guayacán', 'Halcón', 'Delfín', 'Tucán', 'Colibrí', 'Amazonas', 'Magdalena', 'Cauca', 'Atlántico', 'Frontera'];
const LEGAL_FORMS = [['S.A.S.', 'SAS'], ['S.A. de C.V.', 'SA DE CV'], ['Cía. Ltda.', 'CIA LTDA'], ['S. de R.L. de C.V.', 'S DE RL DE CV'], ['S.A.', 'SA'], ['Ltda.', 'LTDA'], ['S.R.L.', 'SRL'], ['S.A.C.', 'SAC']];
const COUNTRIES = ['CO', 'MX', 'VE', 'EC', 'PE', 'GT', 'HN', 'PA', 'DO', 'AR'];
const NICKNAMES_BY_NAME = new Map<string, string[]>();
for (const [nick, names] of Object.entries(HYPOCORISMS)) {
  if (names.length !== 1) continue;
  const list = NICKNAMES_BY_NAME.get(names[0] as string) ?? [];
  list.push(nick);
  NICKNAMES_BY_NAME.set(names[0] as string, list);
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface PersonParts {
  given: string[];
  paternal: string;
  paternalParticle?: string;
  maternal?: string;
}

const fullName = (p: PersonParts) => [...p.given, p.paternalParticle, p.paternal, p.maternal].filter(Boolean).join(' ');

export interface TestSetOptions {
  seed: number;
  entries: number;
  truePairs: number;
  decoys: number;
  /** Parties that are neither, for volume (speed runs). */
  fillers?: number;
}

export function generateTestSet(options: TestSetOptions): TestSet {
  const random = rng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;
  const syntheticSurnames: string[] = [];
  const seen = new Set<string>();
  while (syntheticSurnames.length < 20_000) {
    const name = title(pick(SYLLABLES) + pick(SYLLABLES) + (chance(0.5) ? pick(SYLLABLES) : '') + pick(ENDINGS));
    if (!seen.has(name)) {
      seen.add(name);
      syntheticSurnames.push(name);
    }
  }
  // Lists are mostly not Latin names: common Latin surnames are a minority of entries, as on the UN and OFAC lists.
  const listSurname = () => (chance(0.3) ? pick(COMMON_SURNAMES) : pick(syntheticSurnames));
  // Bank customers: common surnames dominate.
  const partySurname = () => (chance(0.7) ? pick(COMMON_SURNAMES) : pick(syntheticSurnames));
  const givenNames = () => {
    const pool = chance(0.55) ? MALE : FEMALE;
    const first = pick(pool);
    if (!chance(0.45)) return [first];
    let second = pick(pool);
    while (second === first) second = pick(pool);
    return [first, second];
  };
  const dob = () => ({ year: 1940 + Math.floor(random() * 60), month: 1 + Math.floor(random() * 12), day: 1 + Math.floor(random() * 28) });
  const timestamp = (d: { year: number; month: number; day: number }) => Date.UTC(d.year, d.month - 1, d.day);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

  const entries: ListEntry[] = [];
  const personParts = new Map<string, PersonParts>();
  const companyParts = new Map<string, { head: string; words: string[]; form: string[] }>();
  for (let i = 0; i < options.entries; i++) {
    const id = `E${i + 1}`;
    if (chance(0.72)) {
      const parts: PersonParts = { given: givenNames(), paternal: listSurname(), ...(chance(0.9) ? { maternal: listSurname() } : {}) };
      if (chance(0.05)) {
        const [particle, surname] = pick(PARTICLE_SURNAMES);
        parts.paternalParticle = particle;
        parts.paternal = surname as string;
      }
      personParts.set(id, parts);
      const name = fullName(parts);
      const names: ListEntry['names'] = [{ name: chance(0.5) ? name.toUpperCase() : name, quality: 'primary' }];
      if (chance(0.4)) names.push({ name: `${[parts.paternalParticle, parts.paternal, parts.maternal].filter(Boolean).join(' ').toUpperCase()}, ${parts.given.join(' ')}`, quality: 'strong' });
      if (chance(0.1)) names.push({ name: `${parts.given[0]} ${parts.paternal}`, quality: 'strong' });
      if (chance(0.3)) names.push({ name: `El ${pick(['Flaco', 'Gordo', 'Mono', 'Chino', 'Negro', 'Tigre', 'Patrón'])}`, quality: 'weak' });
      const birth = dob();
      const shape = random();
      const birthDates = shape < 0.75 ? [birth] : shape < 0.85 ? [{ year: birth.year }] : shape < 0.9 ? [{ year: birth.year - 1, toYear: birth.year + 1 }] : [];
      const nationality = pick(COUNTRIES);
      entries.push({
        id,
        kind: 'person',
        names,
        birthDates,
        nationalities: chance(0.85) ? [nationality] : [],
        ids: chance(0.4) ? [{ type: pick(['Cedula No.', 'Passport', 'National Identification Number']), number: digits(8), country: nationality }] : [],
        tags: ['test'],
        placesOfBirth: [],
        addresses: [],
        location: `generated ${i + 1}`,
      });
    } else {
      const head = pick(COMPANY_HEADS);
      const words = [pick(COMPANY_WORDS), pick(syntheticSurnames)];
      const form = pick(LEGAL_FORMS);
      companyParts.set(id, { head, words, form });
      const names: ListEntry['names'] = [{ name: `${head} ${words.join(' ')} ${form[0]}`.toUpperCase(), quality: 'primary' }];
      if (chance(0.3)) names.push({ name: `${words.join(' ')} ${head}`, quality: 'strong' });
      entries.push({ id, kind: 'company', names, birthDates: [], nationalities: [], ids: chance(0.3) ? [{ type: 'NIT', number: digits(9), country: 'CO' }] : [], tags: ['test'], placesOfBirth: [], addresses: [], location: `generated ${i + 1}` });
    }
  }

  const personEntries = entries.filter((e) => e.kind === 'person');
  const companyEntries = entries.filter((e) => e.kind === 'company');
  const parties: LabelledParty[] = [];
  let partyNo = 0;
  const nextId = () => `P${++partyNo}`;
  const consistentExtras = (entry: ListEntry): Partial<ScreeningSubject> => {
    const extras: Partial<ScreeningSubject> = {};
    const birth = entry.birthDates[0];
    if (birth && birth.day !== undefined && birth.month !== undefined && chance(0.5)) extras.birthDate = timestamp({ year: birth.year, month: birth.month, day: birth.day });
    if (entry.nationalities[0] && chance(0.5)) extras.nationality = entry.nationalities[0];
    return extras;
  };

  const swap = (word: string, rules: [RegExp, string][]) => {
    for (const [pattern, replacement] of rules) if (pattern.test(word)) return word.replace(pattern, replacement);
    return undefined;
  };
  const PHONETIC_RULES: [RegExp, string][] = [[/z$/i, 's'], [/v/i, 'b'], [/b/i, 'v'], [/ll/i, 'y'], [/^h/i, ''], [/qu/i, 'k'], [/ce/i, 'se'], [/s$/i, 'z'], [/y/i, 'll'], [/g(?=[ei])/i, 'j']];
  const typo = (word: string) => {
    if (word.length < 5) return word;
    const i = 1 + Math.floor(random() * (word.length - 2));
    const kind = random();
    if (kind < 0.33) return word.slice(0, i) + word.slice(i + 1);
    if (kind < 0.66) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    return word.slice(0, i) + pick(['a', 'e', 'i', 'o', 'r', 'n']) + word.slice(i + 1);
  };

  const variations: Variation[] = ['exact', 'accents', 'no-maternal', 'no-second-given', 'nickname', 'phonetic', 'typo', 'surname-first', 'particle', 'alias', 'id-formatted', 'company-suffix', 'company-accents', 'combined'];
  let made = 0;
  let attempts = 0;
  while (made < options.truePairs && attempts < options.truePairs * 20) {
    attempts++;
    const variation = variations[made % variations.length] as Variation;
    if (variation.startsWith('company')) {
      const entry = pick(companyEntries);
      const parts = companyParts.get(entry.id);
      if (!parts) continue;
      const name =
        variation === 'company-suffix'
          ? `${parts.head} ${parts.words.join(' ')} ${chance(0.5) ? (parts.form[1] as string) : ''}`.trim()
          : `${fold(parts.head)} ${parts.words.map((w) => fold(w).toLowerCase()).join(' ')} ${parts.form[0]}`;
      parties.push({ subject: { id: nextId(), name, kind: 'company' }, entryId: entry.id, variation });
      made++;
      continue;
    }
    const entry = pick(personEntries);
    const parts = personParts.get(entry.id) as PersonParts;
    let p: PersonParts = { ...parts, given: [...parts.given] };
    let name: string | undefined;
    const extras = consistentExtras(entry);
    switch (variation) {
      case 'exact':
        break;
      case 'accents':
        p = { ...p, given: p.given.map(fold), paternal: fold(p.paternal), ...(p.maternal ? { maternal: fold(p.maternal) } : {}) };
        name = fullName(p).toLowerCase();
        break;
      case 'no-maternal':
        if (!p.maternal) continue;
        delete p.maternal;
        break;
      case 'no-second-given':
        if (p.given.length < 2) continue;
        p.given = [p.given[0] as string];
        break;
      case 'nickname': {
        const nicks = NICKNAMES_BY_NAME.get(fold(p.given[0] as string).toLowerCase());
        if (!nicks) continue;
        p.given = [title(pick(nicks))];
        break;
      }
      case 'phonetic': {
        const changed = swap(fold(p.paternal), PHONETIC_RULES);
        if (!changed) continue;
        p.paternal = title(changed.toLowerCase());
        break;
      }
      case 'typo':
        if (chance(0.5)) p.paternal = typo(p.paternal);
        else p.given = [typo(p.given[0] as string), ...p.given.slice(1)];
        break;
      case 'surname-first':
        name = `${[p.paternalParticle, p.paternal, p.maternal].filter(Boolean).join(' ').toUpperCase()}, ${p.given.join(' ').toUpperCase()}`;
        break;
      case 'particle':
        if (p.paternalParticle) delete p.paternalParticle;
        else p.paternalParticle = pick(['de', 'del', 'de la']);
        break;
      case 'alias': {
        const alias = entry.names.find((n) => n.quality === 'strong');
        if (!alias) continue;
        name = alias.name;
        break;
      }
      case 'combined': {
        const steps = ['accents', 'no-maternal', 'nickname', 'phonetic', 'typo'].filter(() => chance(0.5));
        if (steps.length < 2) continue;
        for (const step of steps) {
          if (step === 'accents') p = { ...p, given: p.given.map(fold), paternal: fold(p.paternal), ...(p.maternal ? { maternal: fold(p.maternal) } : {}) };
          if (step === 'no-maternal') delete p.maternal;
          if (step === 'nickname') {
            const nicks = NICKNAMES_BY_NAME.get(fold(p.given[0] as string).toLowerCase());
            if (nicks) p.given = [title(pick(nicks)), ...p.given.slice(1)];
          }
          if (step === 'phonetic') p.paternal = title((swap(fold(p.paternal), PHONETIC_RULES) ?? p.paternal).toLowerCase());
          if (step === 'typo') p.paternal = typo(p.paternal);
        }
        break;
      }
      case 'id-formatted': {
        const id = entry.ids[0];
        if (!id) continue;
        extras.idNumber = id.number.replace(/(\d{2})(\d{3})(\d{3})/, '$1.$2.$3');
        extras.idType = /pass/i.test(id.type ?? '') ? 'PASSPORT' : 'CC';
        extras.nationality = id.country as string;
        // The bank may also have typed the name differently.
        if (p.maternal) delete p.maternal;
        break;
      }
    }
    parties.push({ subject: { id: nextId(), name: name ?? fullName(p), kind: 'person', ...extras }, entryId: entry.id, variation });
    made++;
  }

  const decoyKinds: DecoyKind[] = ['same-given-other-surnames', 'same-surnames-other-given', 'common-name-birth-contradicts', 'common-name-nationality-contradicts', 'other-maternal', 'company-generic-words'];
  let decoys = 0;
  attempts = 0;
  while (decoys < options.decoys && attempts < options.decoys * 20) {
    attempts++;
    const decoy = decoyKinds[decoys % decoyKinds.length] as DecoyKind;
    if (decoy === 'company-generic-words') {
      const entry = pick(companyEntries);
      const parts = companyParts.get(entry.id);
      if (!parts) continue;
      // Same head word and same place word, another owner's name: "Inversiones Andes Galindo" for "Inversiones Andes Rivera".
      let word = pick(syntheticSurnames);
      while (parts.words.includes(word)) word = pick(syntheticSurnames);
      parties.push({ subject: { id: nextId(), name: `${parts.head} ${parts.words[0] as string} ${word} ${parts.form[0]}`, kind: 'company' }, sourceEntryId: entry.id, decoy });
      decoys++;
      continue;
    }
    const entry = pick(personEntries);
    const parts = personParts.get(entry.id) as PersonParts;
    const p: PersonParts = { ...parts, given: [...parts.given] };
    const subject: ScreeningSubject = { id: nextId(), name: '', kind: 'person' };
    if (decoy === 'same-given-other-surnames') {
      p.paternal = partySurname();
      p.maternal = partySurname();
      delete p.paternalParticle;
      if (fold(p.paternal) === fold(parts.paternal)) continue;
    } else if (decoy === 'same-surnames-other-given') {
      const pool = MALE.includes(parts.given[0] as string) ? MALE : FEMALE;
      const forms = (name: string) => new Set((NICKNAMES_BY_NAME.get(fold(name).toLowerCase()) ?? []).concat(fold(name).toLowerCase()));
      let other = pick(pool);
      while (parts.given.some((g) => forms(other).has(fold(g).toLowerCase()))) other = pick(pool);
      p.given = [other];
    } else if (decoy === 'common-name-birth-contradicts') {
      const birth = entry.birthDates[0];
      if (!birth) continue;
      const year = (birth.toYear ?? birth.year) + 4 + Math.floor(random() * 20);
      subject.birthDate = Date.UTC(year, Math.floor(random() * 12), 1 + Math.floor(random() * 28));
    } else if (decoy === 'common-name-nationality-contradicts') {
      const listed = entry.nationalities[0];
      if (!listed) continue;
      let other = pick(COUNTRIES);
      while (other === listed) other = pick(COUNTRIES);
      subject.nationality = other;
      // The bank also has a birth date the list does not contradict only by chance: leave it out.
    } else if (decoy === 'other-maternal') {
      if (!p.maternal) continue;
      let other = partySurname();
      while (fold(other) === fold(p.maternal)) other = partySurname();
      p.maternal = other;
      const birth = entry.birthDates[0];
      if (!birth || birth.day === undefined) continue;
      subject.birthDate = Date.UTC(birth.year + 6, 0, 15);
    }
    subject.name = fullName(p);
    parties.push({ subject, sourceEntryId: entry.id, decoy });
    decoys++;
  }

  for (let i = 0; i < (options.fillers ?? 0); i++) {
    if (chance(0.85)) {
      const p: PersonParts = { given: givenNames(), paternal: partySurname(), ...(chance(0.8) ? { maternal: partySurname() } : {}) };
      parties.push({ subject: { id: nextId(), name: fullName(p), kind: 'person', ...(chance(0.6) ? { birthDate: timestamp(dob()) } : {}), ...(chance(0.7) ? { nationality: pick(COUNTRIES) } : {}), ...(chance(0.5) ? { idType: 'CC', idNumber: digits(10) } : {}) } });
    } else {
      parties.push({ subject: { id: nextId(), name: `${pick(COMPANY_HEADS)} ${pick(syntheticSurnames)} ${pick(LEGAL_FORMS)[0]}`, kind: 'company' } });
    }
  }
  return { entries, parties };
}

export interface Quality {
  truePairs: number;
  found: number;
  recall: number;
  decoys: number;
  /** Decoys with a hit on the entry they were made from. */
  decoysHit: number;
  decoyRate: number;
  /** Decoys with a hit on any entry (another entry may legitimately share the decoy's name). */
  decoysHitAny: number;
  hitsWithoutExplanation: number;
  missedByVariation: Record<string, number>;
  hitByDecoy: Record<string, number>;
}

/** Recall of true pairs, share of decoys hit, and hits without an explanation, from a screening run's hits. */
export function measureQuality(set: TestSet, hits: readonly { subjectId: string; entryId: string; parts: readonly unknown[] }[]): Quality {
  const byParty = new Map<string, Set<string>>();
  let hitsWithoutExplanation = 0;
  for (const hit of hits) {
    const set2 = byParty.get(hit.subjectId) ?? new Set<string>();
    set2.add(hit.entryId);
    byParty.set(hit.subjectId, set2);
    if (hit.parts.length === 0) hitsWithoutExplanation++;
  }
  let truePairs = 0;
  let found = 0;
  let decoys = 0;
  let decoysHit = 0;
  let decoysHitAny = 0;
  const missedByVariation: Record<string, number> = {};
  const hitByDecoy: Record<string, number> = {};
  for (const party of set.parties) {
    const got = byParty.get(party.subject.id);
    if (party.entryId) {
      truePairs++;
      if (got?.has(party.entryId)) found++;
      else missedByVariation[party.variation as string] = (missedByVariation[party.variation as string] ?? 0) + 1;
    } else if (party.decoy) {
      decoys++;
      if (got && got.size > 0) decoysHitAny++;
      if (got && party.sourceEntryId && got.has(party.sourceEntryId)) {
        decoysHit++;
        hitByDecoy[party.decoy] = (hitByDecoy[party.decoy] ?? 0) + 1;
      }
    }
  }
  return { truePairs, found, recall: truePairs ? found / truePairs : 1, decoys, decoysHit, decoyRate: decoys ? decoysHit / decoys : 0, decoysHitAny, hitsWithoutExplanation, missedByVariation, hitByDecoy };
}
