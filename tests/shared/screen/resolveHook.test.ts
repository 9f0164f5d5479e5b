import { describe, expect, it } from 'vitest';
import type { Party } from '../../../shared/model';
import { proposeDuplicates } from '../../../shared/resolve';

const source = { file: 'b'.repeat(64), line: 2 };
const person = (id: string, name: string, extra: Partial<Party> = {}): Party => ({ id, name, kind: 'person', pep: false, source, ...extra });

describe('entity resolution with the screening matcher (parties without ID numbers)', () => {
  it('proposes a nickname and sound-alike duplicate with the matcher’s explanation', () => {
    const proposals = proposeDuplicates(
      [person('NAME:pepe', 'Pepe Vásquez Yépez', { birthDate: Date.UTC(1970, 4, 1), nationality: 'MX' }), person('NAME:jose', 'JOSE BASQUEZ LLEPEZ', { birthDate: Date.UTC(1970, 4, 1), nationality: 'MX' })],
      [],
      [],
    );
    expect(proposals).toHaveLength(1);
    expect(proposals[0]?.reason).toBe('similar-name');
    expect(proposals[0]?.detail).toContain('nickname: pepe = jose');
    expect(proposals[0]?.detail).toContain('date of birth matches');
  });

  it('does not propose the same name born decades apart', () => {
    const proposals = proposeDuplicates([person('NAME:a', 'Pepe Vásquez Yépez', { birthDate: Date.UTC(1950, 0, 1) }), person('NAME:b', 'José Vásquez Yépez', { birthDate: Date.UTC(1990, 0, 1) })], [], []);
    expect(proposals.filter((p) => p.reason === 'similar-name')).toHaveLength(0);
  });
});
