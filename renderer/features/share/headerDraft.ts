import { PackageHeaderSchema, type PackageHeader } from '../../../shared/package';

/**
 * The package header as the wizard edits it (text fields, expiry as a date),
 * checked by the engine's own zod schema rather than by rules re-written in
 * the view, so the wizard can never accept a header the engine refuses.
 */
export interface HeaderDraft {
  originatingUnit: string;
  recipientUnit: string;
  reference: string;
  purpose: string;
  legalBasis: string;
  classification: string;
  caveatEn: string;
  caveatEs: string;
  /** YYYY-MM-DD; the package expires at 23:59:59 UTC that day. */
  expires: string;
  contact: string;
  inReplyTo: string;
}

export type HeaderField = keyof HeaderDraft;
export type HeaderIssue = { field: HeaderField; code: 'required' | 'reference-chars' | 'expiry-past' | 'invalid'; message: string };

const DraftHeaderSchema = PackageHeaderSchema.omit({ packageId: true });

export function headerFromDraft(draft: HeaderDraft, now: number): Omit<PackageHeader, 'packageId'> {
  return {
    originatingUnit: draft.originatingUnit.trim(),
    recipientUnit: draft.recipientUnit.trim(),
    reference: draft.reference.trim(),
    purpose: draft.purpose.trim(),
    legalBasis: draft.legalBasis.trim(),
    classification: draft.classification.trim(),
    caveat: { en: draft.caveatEn.trim(), es: draft.caveatEs.trim() },
    expiresAt: Date.parse(`${draft.expires}T23:59:59Z`),
    contact: draft.contact.trim(),
    createdAt: now,
    ...(draft.inReplyTo.trim() ? { inReplyTo: draft.inReplyTo.trim() } : {}),
  };
}

/** Every problem with the draft, by field: the schema's issues, plus an expiry in the past (a rule of the moment, not of the format). */
export function headerIssues(draft: HeaderDraft, now: number): HeaderIssue[] {
  const header = headerFromDraft(draft, now);
  const issues: HeaderIssue[] = [];
  const parsed = DraftHeaderSchema.safeParse({ ...header, expiresAt: Number.isFinite(header.expiresAt) ? header.expiresAt : Number.NaN });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [first, second] = issue.path.map(String);
      const field: HeaderField = first === 'caveat' ? (second === 'es' ? 'caveatEs' : 'caveatEn') : first === 'expiresAt' ? 'expires' : ((first ?? 'reference') as HeaderField);
      const empty = typeof draft[field] === 'string' && draft[field].trim() === '';
      const code: HeaderIssue['code'] = field === 'expires' ? 'expiry-past' : empty ? 'required' : field === 'reference' ? 'reference-chars' : 'invalid';
      if (!issues.some((known) => known.field === field)) issues.push({ field, code, message: issue.message });
    }
  }
  if (!issues.some((issue) => issue.field === 'expires') && !(header.expiresAt > now)) issues.push({ field: 'expires', code: 'expiry-past', message: 'the expiry date must be in the future' });
  return issues;
}
