/**
 * Screening lists as Caudal stores them, whatever file they came from: UN
 * Security Council consolidated XML, OFAC SDN legacy CSV, OpenSanctions FtM
 * JSON lines, or a national list as plain CSV.
 */
export const LIST_FORMATS = ['un-xml', 'ofac-sdn-csv', 'ftm-jsonl', 'national-csv'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

export type EntryKind = 'person' | 'company';

/** How much a name on the list identifies its holder: UN "Low" and OFAC/FtM weak aliases count less. */
export type NameQuality = 'primary' | 'strong' | 'weak';

export interface ListedName {
  name: string;
  quality: NameQuality;
}

/** A date as lists give them: exact, a year and month, a year, or a range of years. */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
  /** Last year of a range ("between 1958 and 1963"). */
  toYear?: number;
  /** The list says "approximately". */
  approximate?: boolean;
}

export interface ListedId {
  /** Type as the list words it ("Passport", "Cedula No.", "RFC"), if given. */
  type?: string;
  number: string;
  /** ISO 3166 alpha-2 where known. */
  country?: string;
}

export interface ListEntry {
  /** The list's own identifier: UN REFERENCE_NUMBER, OFAC ent_num, FtM id, a CSV id column or row number. */
  id: string;
  kind: EntryKind;
  names: ListedName[];
  birthDates: PartialDate[];
  /** ISO 3166 alpha-2 codes where the country was recognised, otherwise the list's own words. */
  nationalities: string[];
  ids: ListedId[];
  /** Listing or publication date (YYYY-MM-DD); a payment counts only after it. */
  listedOn?: string;
  /** Status on a national list (SAT 69-B: presunto, definitivo, desvirtuado, sentencia favorable) and when it was published. */
  status?: string;
  statusDate?: string;
  /** Programmes, topics or status ("SDGT", "sanction", "role.pep", "definitivo"). */
  tags: string[];
  placesOfBirth: string[];
  addresses: string[];
  /** Where the entry sits in the file (line, or element index) for provenance. */
  location: string;
  /** Other identifier the list carries (UN DATAID). */
  secondaryId?: string;
}

export interface ParsedList {
  format: ListFormat;
  /** A human name: "UN Security Council consolidated list", the CSV's list-name column, … */
  name: string;
  /** The date the list says it was generated or published (YYYY-MM-DD), if it says. */
  publishedOn?: string;
  entries: ListEntry[];
  /** Problems that left one entry or field out, each naming where. */
  warnings: string[];
}

/** One side of a screening: a party of the case (or of a CLI file). */
export interface ScreeningSubject {
  id: string;
  name: string;
  kind?: EntryKind;
  idType?: string;
  idNumber?: string;
  /** ISO 3166 alpha-2. */
  nationality?: string;
  /** Milliseconds since the epoch (UTC midnight) as records store it. */
  birthDate?: number;
}

/** One piece of an explanation, rendered in Spanish or English. */
export interface ExplanationPart {
  code: string;
  /** Values for the message ("given": "José", "listed": "Pepe"). */
  values?: Record<string, string>;
  /** Contribution to the score, signed, for the detail view. */
  weight?: number;
}

export interface ScreeningHit {
  subjectId: string;
  entryId: string;
  /** The listed name or alias that matched best. */
  matchedName: string;
  matchedQuality: NameQuality;
  score: number;
  parts: ExplanationPart[];
}
