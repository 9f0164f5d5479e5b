import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD, blockSizes, buildIndex, explain, screen, spanishPhoneticKey, type ListEntry, type ScreeningSubject } from '../../../shared/screen';
import { generateTestSet, measureQuality } from '../../../shared/screen/testset';

const person = (id: string, names: string[], extra: Partial<ListEntry> = {}): ListEntry => ({
  id,
  kind: 'person',
  names: names.map((name, i) => ({ name, quality: i === 0 ? 'primary' : 'strong' })),
  birthDates: [],
  nationalities: [],
  ids: [],
  tags: [],
  placesOfBirth: [],
  addresses: [],
  location: 'test',
  ...extra,
});
const company = (id: string, name: string, extra: Partial<ListEntry> = {}): ListEntry => ({ ...person(id, [name]), kind: 'company', ...extra });

const LIST = buildIndex([
  person('UN-1', ['JUAN CARLOS RAMIREZ ABADIA'], { birthDates: [{ year: 1963, month: 2, day: 16 }], nationalities: ['CO'], ids: [{ type: 'Cedula No.', number: '16258124', country: 'CO' }] }),
  person('UN-2', ['José García López'], { birthDates: [{ year: 1970, month: 5, day: 1 }], nationalities: ['MX'] }),
  person('UN-3', ['María Guadalupe de la Cruz Hernández']),
  person('UN-4', ['Francisco Javier Vásquez Yépez'], { names: [{ name: 'Francisco Javier Vásquez Yépez', quality: 'primary' }, { name: 'Pancho Vásquez', quality: 'weak' }] }),
  person('UN-5', ['Ignacio Quiñones Hidalgo']),
  company('UN-6', 'COMERCIALIZADORA LOS ANDES S.A. DE C.V.'),
  company('UN-7', 'Núñez & Cía. Ltda.'),
  company('UN-8', 'INVERSIONES EL DORADO S.A.S.'),
]);

function best(subject: Omit<ScreeningSubject, 'id'>, threshold = 0): { entryId: string; score: number; es: string; en: string } | undefined {
  const hits = screen([{ id: 'p', ...subject }], LIST, { threshold });
  const top = [...hits].sort((a, b) => b.score - a.score)[0];
  return top && { entryId: top.entryId, score: top.score, ...explain(top.parts) };
}

describe('Spanish phonetic key', () => {
  it.each([
    ['vasquez', 'basquez'],
    ['vasquez', 'vazques'],
    ['hernandez', 'ernandes'],
    ['yepez', 'llepes'],
    ['quinones', 'kinones'],
    ['cecilia', 'sesilia'],
    ['jimenez', 'gimenez'],
    ['ximena', 'jimena'],
  ])('%s sounds like %s', (a, b) => expect(spanishPhoneticKey(a)).toBe(spanishPhoneticKey(b)));
  it('keeps different sounds apart', () => {
    expect(spanishPhoneticKey('garcia')).not.toBe(spanishPhoneticKey('garza'));
    expect(spanishPhoneticKey('lopez')).not.toBe(spanishPhoneticKey('lozano'));
  });
});

describe('name variations that must hit', () => {
  it.each([
    ['the second surname missing on the client', { name: 'Juan Carlos Ramírez', kind: 'person' as const }, 'UN-1', 'segundo apellido ausente en el cliente'],
    ['accents and case', { name: 'juan carlos ramirez abadía', kind: 'person' as const }, 'UN-1', 'apellido paterno igual'],
    ['surname first with a comma', { name: 'RAMIREZ ABADIA, Juan Carlos', kind: 'person' as const }, 'UN-1', 'segundo apellido igual'],
    ['surname first without a comma', { name: 'RAMIREZ ABADIA JUAN CARLOS', kind: 'person' as const }, 'UN-1', 'segundo apellido igual'],
    ['sound-alike spelling', { name: 'Juan Karlos Ramires Avadia', kind: 'person' as const }, 'UN-1', 'suena igual'],
    ['a typo', { name: 'Juan Carlos Ramírex Abadia', kind: 'person' as const }, 'UN-1', 'diferencia de escritura'],
    ['the second given name dropped', { name: 'Juan Ramírez Abadía', kind: 'person' as const }, 'UN-1', 'segundo nombre ausente en el cliente'],
    ['a nickname (Pepe)', { name: 'Pepe García López', kind: 'person' as const }, 'UN-2', 'hipocorístico: pepe = jose'],
    ['a nickname (Lupe) and a dropped particle', { name: 'Lupe Cruz Hernández', kind: 'person' as const }, 'UN-3', 'hipocorístico: lupe = guadalupe, el nombre usado no es el primero de los listados (lupe / guadalupe)'],
    ['a nickname (Nacho) and sound-alikes', { name: 'Nacho Kiñones Idalgo', kind: 'person' as const }, 'UN-5', 'hipocorístico: nacho = ignacio'],
    ['ll/y and b/v', { name: 'Francisco Javier Basquez Llepez', kind: 'person' as const }, 'UN-4', 'suena igual'],
    ['a company without its legal form', { name: 'Comercializadora Los Andes', kind: 'company' as const }, 'UN-6', 'razón social igual'],
    ['a company with & and Cía. written out', { name: 'NUNEZ Y CIA LTDA', kind: 'company' as const }, 'UN-7', 'razón social igual'],
    ['a company with another suffix spelling', { name: 'Inversiones El Dorado SAS', kind: 'company' as const }, 'UN-8', 'razón social igual'],
  ])('%s', (_, subject, entryId, clause) => {
    const hit = best(subject, DEFAULT_THRESHOLD);
    expect(hit?.entryId).toBe(entryId);
    expect(hit?.es).toContain(clause);
  });

  it('matches on a formatted ID number of the same type and country, whatever the name', () => {
    const hit = best({ name: 'J. Ramirez', kind: 'person', idType: 'CC', idNumber: '16.258.124', nationality: 'CO' }, DEFAULT_THRESHOLD);
    expect(hit?.entryId).toBe('UN-1');
    expect(hit?.score).toBeGreaterThanOrEqual(0.95);
    expect(hit?.en).toContain('identification number equal');
  });

  it('does not take the same number from another country or another kind of document as the same ID', () => {
    const abroad = best({ name: 'Pedro Pérez', kind: 'person', idType: 'CC', idNumber: '16258124', nationality: 'VE' });
    expect(abroad?.entryId).not.toBe('UN-1');
    const passport = best({ name: 'Pedro Pérez', kind: 'person', idType: 'PASSPORT', idNumber: '16258124' });
    expect(passport?.entryId).not.toBe('UN-1');
  });

  it('weighs a weak alias less than the same name as a strong one', () => {
    const withAlias = (quality: 'weak' | 'strong') =>
      screen([{ id: 'p', name: 'Rigoberto Salcedo', kind: 'person' }], buildIndex([person('X', ['Tomás Ugarte Bolaños'], { names: [{ name: 'Tomás Ugarte Bolaños', quality: 'primary' }, { name: 'Rigoberto Salcedo', quality }] })]), { threshold: 0 })[0];
    const weak = withAlias('weak');
    const strong = withAlias('strong');
    expect(explain(weak?.parts ?? []).en).toContain('matches a weak alias, which weighs less (Rigoberto Salcedo)');
    expect(weak?.score ?? 1).toBeLessThan(strong?.score ?? 0);
  });

  it('raises the score when the birth date and nationality agree', () => {
    const bare = best({ name: 'Juan Carlos Ramírez', kind: 'person' });
    const supported = best({ name: 'Juan Carlos Ramírez', kind: 'person', birthDate: Date.UTC(1963, 1, 16), nationality: 'CO' });
    expect(supported?.score ?? 0).toBeGreaterThan(bare?.score ?? 1);
    expect(supported?.es).toContain('fecha de nacimiento coincide');
    expect(supported?.es).toContain('nacionalidad coincide');
  });
});

describe('decoys that must not hit', () => {
  it.each([
    ['same given names, other surnames', { name: 'Juan Carlos Martínez Soto', kind: 'person' as const }],
    ['same surnames, other given name', { name: 'Pedro Ramírez Abadía', kind: 'person' as const }],
    ['same given and first surname, another second surname', { name: 'José García Martínez', kind: 'person' as const }],
    ['a common name born decades apart', { name: 'José García López', kind: 'person' as const, birthDate: Date.UTC(1995, 3, 3) }],
    ['a common name of another nationality', { name: 'José García López', kind: 'person' as const, nationality: 'CO' }],
    ['a company sharing only generic words', { name: 'Comercializadora Los Pinos S.A. de C.V.', kind: 'company' as const }],
    ['a person named like a company word', { name: 'Dorado Inversiones', kind: 'person' as const }],
  ])('%s', (_, subject) => {
    expect(best(subject, DEFAULT_THRESHOLD)).toBeUndefined();
  });

  it('explains a contradicting birth date when asked for weaker hits', () => {
    const hit = best({ name: 'José García López', kind: 'person', birthDate: Date.UTC(1995, 3, 3) }, 0.3);
    expect(hit?.en).toContain('date of birth contradicts (1995-04-03 / 1970-05-01)');
  });
});

describe('the labelled test set at the default threshold', () => {
  it('finds at least 95% of true pairs, hits at most 2% of decoys, and explains every hit', () => {
    const set = generateTestSet({ seed: 11, entries: 1500, truePairs: 700, decoys: 600 });
    const hits = screen(
      set.parties.map((p) => p.subject),
      buildIndex(set.entries),
    );
    const quality = measureQuality(set, hits);
    expect(quality.truePairs).toBe(700);
    expect(quality.decoys).toBe(600);
    expect(quality.recall).toBeGreaterThanOrEqual(0.95);
    expect(quality.decoyRate).toBeLessThanOrEqual(0.02);
    expect(quality.hitsWithoutExplanation).toBe(0);
  });

  it('compares each party with a small block of the list, not all of it', () => {
    const set = generateTestSet({ seed: 3, entries: 3000, truePairs: 0, decoys: 0, fillers: 500 });
    const index = buildIndex(set.entries);
    const largest = Math.max(...blockSizes(index));
    expect(largest).toBeLessThan(index.names.length / 20);
  });
});
