import { describe, expect, it } from 'vitest';
import { PackageHeaderSchema } from '../../../shared/package';
import { headerFromDraft, headerIssues, type HeaderDraft } from '../../../renderer/features/share/headerDraft';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const draft: HeaderDraft = {
  originatingUnit: ' UIAF Colombia ', recipientUnit: 'UAF Panamá', reference: 'UIAF-2026-0042-P1', purpose: 'Round-tripping', legalBasis: 'MoU 2014',
  classification: 'RESERVADO', caveatEn: 'No onward use.', caveatEs: 'Sin uso ulterior.', expires: '2027-03-01', contact: 'analista@uiaf.example', inReplyTo: '',
};

describe('the wizard header is checked by the engine’s schema', () => {
  it('accepts exactly what the engine accepts', () => {
    expect(headerIssues(draft, NOW)).toEqual([]);
    const header = headerFromDraft(draft, NOW);
    expect(PackageHeaderSchema.omit({ packageId: true }).safeParse(header).success).toBe(true);
    expect(header).toMatchObject({ originatingUnit: 'UIAF Colombia', expiresAt: Date.parse('2027-03-01T23:59:59Z') });
    expect(header).not.toHaveProperty('inReplyTo');
  });

  it('names the field of every problem: missing, bad reference characters, unparseable or past expiry, a caveat language left empty', () => {
    const codes = (changes: Partial<HeaderDraft>) => headerIssues({ ...draft, ...changes }, NOW).map((issue) => `${issue.field}:${issue.code}`);
    expect(codes({ purpose: '  ' })).toEqual(['purpose:required']);
    expect(codes({ reference: 'UIAF/2026' })).toEqual(['reference:reference-chars']);
    expect(codes({ expires: '2026-01-01' })).toEqual(['expires:expiry-past']);
    expect(codes({ expires: '' })).toEqual(['expires:expiry-past']);
    expect(codes({ caveatEs: '' })).toEqual(['caveatEs:required']);
    expect(codes({ contact: 'x'.repeat(2001) })).toEqual(['contact:invalid']);
  });
});
