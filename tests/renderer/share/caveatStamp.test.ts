import { describe, expect, it } from 'vitest';
import { stampCsv, stampSvg } from '../../../renderer/features/share/caveatStamp';
import { caveatOf } from '../../../renderer/features/share/partnerCaveat';
import type { StoredPackage } from '../../../renderer/features/share/store';

const header = {
  packageId: 'ab'.repeat(16), originatingUnit: 'UIAF Colombia', recipientUnit: 'UAF Panamá', reference: 'UIAF-2026-0042', purpose: 'p', legalBasis: 'l',
  classification: 'RESERVADO', caveat: { en: 'No onward use.', es: 'Sin uso ulterior.' }, expiresAt: 2e12, contact: 'c', createdAt: 1,
};
const received = (trust: 'verified' | 'unverified' | 'unknown' | 'mismatch' | undefined, known = true): StoredPackage => ({
  direction: 'received',
  manifest: {
    format: 'caudal-package', version: 2, header, sender: { unit: 'UIAF Colombia', signingKey: '00'.repeat(32), agreementKey: '00'.repeat(32), fingerprint: '00'.repeat(20) },
    sanitisation: { fields: { party: {}, account: {}, transaction: {}, shipment: {}, alert: {}, chart: {} }, amountBands: '1-2-5 series; a generalised amount is its band’s lower bound', dates: 'generalised dates are the first day of their month, 00:00 UTC' },
    parts: [{ kind: 'parties', name: 'parts/1.bin', iv: '00'.repeat(12), compression: 'deflate-raw', sha256: '00'.repeat(32), size: 1, plainSize: 1, records: 1 }],
  },
  fileName: 'x.caudal', packageSha256: '00'.repeat(32), acknowledgedAt: 1,
  signer: { unit: 'UIAF Colombia', fingerprint: '00'.repeat(20), known, ...(trust ? { trust } : {}) },
});

describe('the partner caveat on every export, with the signer mark', () => {
  it('keeps an unverified or mismatched signer in the stamp, not only at import', () => {
    expect(caveatOf(received('verified')).stamp('en')).toMatch(/^PARTNER INTELLIGENCE FROM UIAF Colombia/);
    expect(caveatOf(received('unverified')).stamp('en')).toMatch(/^UNKNOWN SIGNER — PARTNER INTELLIGENCE/);
    expect(caveatOf(received('mismatch')).stamp('es')).toMatch(/^FIRMANTE DISCORDANTE — INTELIGENCIA DE/);
    // Rows stored before signer trust existed: known → unverified, unknown → unknown; neither shows as verified.
    expect(caveatOf(received(undefined, true)).stamp('en')).toMatch(/^UNKNOWN SIGNER/);
    expect(caveatOf(received(undefined, false)).stamp('en')).toMatch(/^UNKNOWN SIGNER/);
  });

  it('stamps SVG (visible text, desc, room above the drawing) and the annex CSV (first line)', () => {
    const svg = stampSvg('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><circle r="5"/></svg>', 'PARTNER <INTELLIGENCE> & "caveat"');
    expect(svg).toContain('height="328"');
    expect(svg).toContain('<desc>PARTNER &lt;INTELLIGENCE&gt; &amp; &quot;caveat&quot;</desc>');
    expect(svg).toMatch(/data-caudal-caveat="true">PARTNER &lt;INTELLIGENCE/);
    expect(svg).toMatch(/<g transform="translate\(0 28\)"><circle r="5"\/><\/g><\/svg>$/);
    expect(() => stampSvg('<html/>', 'x')).toThrow(/not an SVG/);
    expect(stampCsv('a,b\r\n1,2\r\n', 'Sin "uso" ulterior')).toBe('"Sin ""uso"" ulterior"\r\na,b\r\n1,2\r\n');
  });
});
