import type { LocalizedText } from '../model/alert';
import type { ExplanationPart } from './types';

type Template = { es: string; en: string };

/**
 * The words an analyst reads under a hit, one clause per part, in Spanish and
 * English: "apellido paterno igual, segundo apellido ausente en el cliente,
 * fecha de nacimiento coincide". `{party}` is the client's word, `{listed}` the list's.
 */
const TEMPLATES: Record<string, Template> = {
  'paternal.exact': { es: 'apellido paterno igual ({listed})', en: 'paternal surname equal ({listed})' },
  'paternal.phonetic': { es: 'apellido paterno suena igual ({party} / {listed})', en: 'paternal surname sounds the same ({party} / {listed})' },
  'paternal.typo': { es: 'apellido paterno con una diferencia de escritura ({party} / {listed})', en: 'paternal surname differs by a typo ({party} / {listed})' },
  'paternal.crossed': { es: 'el apellido del cliente es el segundo apellido listado ({listed})', en: "the client's surname is the listed second surname ({listed})" },
  'paternal.differs': { es: 'apellido paterno distinto ({party} / {listed})', en: 'paternal surname differs ({party} / {listed})' },
  'surname.missing': { es: 'sin apellido para comparar', en: 'no surname to compare' },
  'given.exact': { es: 'nombre igual ({listed})', en: 'given name equal ({listed})' },
  'given.nickname': { es: 'hipocorístico: {party} = {listed}', en: 'nickname: {party} = {listed}' },
  'given.phonetic': { es: 'nombre suena igual ({party} / {listed})', en: 'given name sounds the same ({party} / {listed})' },
  'given.typo': { es: 'nombre con una diferencia de escritura ({party} / {listed})', en: 'given name differs by a typo ({party} / {listed})' },
  'given.initial': { es: 'solo la inicial del nombre coincide ({party} / {listed})', en: 'only the initial of the given name matches ({party} / {listed})' },
  'given.shifted': { es: 'el nombre usado no es el primero de los listados ({party} / {listed})', en: 'the given name used is not the first one listed ({party} / {listed})' },
  'given.differs': { es: 'nombre distinto ({party} / {listed})', en: 'given name differs ({party} / {listed})' },
  'given.missing': { es: 'sin nombre de pila para comparar', en: 'no given name to compare' },
  'given2.equal': { es: 'segundo nombre igual ({listed})', en: 'second given name equal ({listed})' },
  'given2.differs': { es: 'segundo nombre distinto ({party} / {listed})', en: 'second given name differs ({party} / {listed})' },
  'given2.absentParty': { es: 'segundo nombre ausente en el cliente ({listed})', en: 'second given name missing on the client ({listed})' },
  'given2.absentList': { es: 'segundo nombre ausente en la lista ({party})', en: 'second given name missing on the list ({party})' },
  'maternal.exact': { es: 'segundo apellido igual ({listed})', en: 'second surname equal ({listed})' },
  'maternal.phonetic': { es: 'segundo apellido suena igual ({party} / {listed})', en: 'second surname sounds the same ({party} / {listed})' },
  'maternal.typo': { es: 'segundo apellido con una diferencia de escritura ({party} / {listed})', en: 'second surname differs by a typo ({party} / {listed})' },
  'maternal.nickname': { es: 'segundo apellido igual ({listed})', en: 'second surname equal ({listed})' },
  'maternal.initial': { es: 'inicial del segundo apellido ({listed})', en: 'initial of the second surname ({listed})' },
  'maternal.differs': { es: 'segundo apellido distinto ({party} / {listed})', en: 'second surname differs ({party} / {listed})' },
  'maternal.absentParty': { es: 'segundo apellido ausente en el cliente ({listed})', en: 'second surname missing on the client ({listed})' },
  'maternal.absentList': { es: 'segundo apellido ausente en la lista ({party})', en: 'second surname missing on the list ({party})' },
  'company.exact': { es: 'razón social igual', en: 'company name equal' },
  'company.phonetic': { es: 'razón social suena igual', en: 'company name sounds the same' },
  'company.typo': { es: 'razón social con diferencias de escritura', en: 'company name differs by typos' },
  'company.nickname': { es: 'razón social igual', en: 'company name equal' },
  'company.partial': { es: 'razón social coincide en parte ({matched} de {total} palabras distintivas)', en: 'company name partly matches ({matched} of {total} distinctive words)' },
  'company.differs': { es: 'razón social distinta', en: 'company name differs' },
  'company.legalForm': { es: 'forma jurídica no considerada ({party} / {listed})', en: 'legal form left aside ({party} / {listed})' },
  'alias.weak': { es: 'coincide con un alias débil, que pesa menos ({name})', en: 'matches a weak alias, which weighs less ({name})' },
  'alias.strong': { es: 'coincide con un alias ({name})', en: 'matches an alias ({name})' },
  'name.common': { es: 'nombre y apellido muy comunes sin segundo apellido ({name}): hace falta otra evidencia', en: 'very common given name and surname without a second surname ({name}): other evidence is needed' },
  'name.weak': { es: 'el nombre apenas se parece', en: 'the name is barely alike' },
  'id.equal': { es: 'número de identificación igual ({type} {number})', en: 'identification number equal ({type} {number})' },
  'id.differs': { es: 'documento del mismo tipo con otro número ({party} / {listed})', en: 'same kind of document with another number ({party} / {listed})' },
  'birth.exact': { es: 'fecha de nacimiento coincide ({listed})', en: 'date of birth matches ({listed})' },
  'birth.month': { es: 'año y mes de nacimiento coinciden ({listed})', en: 'year and month of birth match ({listed})' },
  'birth.year': { es: 'año de nacimiento compatible ({listed})', en: 'year of birth compatible ({listed})' },
  'birth.differs': { es: 'fecha de nacimiento distinta ({party} / {listed})', en: 'date of birth differs ({party} / {listed})' },
  'birth.contradicts': { es: 'fecha de nacimiento contradice ({party} / {listed})', en: 'date of birth contradicts ({party} / {listed})' },
  'nationality.equal': { es: 'nacionalidad coincide ({country})', en: 'nationality matches ({country})' },
  'nationality.differs': { es: 'nacionalidad distinta ({party} / {listed})', en: 'nationality differs ({party} / {listed})' },
};

function fill(template: string, values: Record<string, string> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values?.[key] ?? '');
}

/** One clause per part, joined with commas, in each language. */
export function explain(parts: readonly ExplanationPart[]): LocalizedText {
  const render = (language: 'es' | 'en') =>
    parts
      .map((part) => {
        const template = TEMPLATES[part.code];
        return template ? fill(template[language], part.values) : part.code;
      })
      .join(', ');
  return { es: render('es'), en: render('en') };
}

export const EXPLANATION_CODES: readonly string[] = Object.keys(TEMPLATES);
