import { describe, expect, it } from 'vitest';
import { exchangeNameKey, foldAccents, foldName, isCompanyName, nameKey, partyKindOf } from '../../../shared/resolve';
import { normaliseName as packageName } from '../../../shared/package/normalise';
import { partyKey } from '../../../shared/detect/indexing';

describe('the one owner of name rules (shared/resolve/names.ts)', () => {
  it('folds accents once, compatibility forms included', () => {
    expect(foldAccents('Pérez Ñandú')).toBe('Perez Nandu');
    expect(foldAccents('Ｐｅｒｅｚ')).toBe('Perez');
  });

  it('keys a chart node by the name as written, legal form kept', () => {
    expect(nameKey('Inversiones  Ñandú S.A.S.')).toBe('INVERSIONES NANDU SAS');
    expect(nameKey('  josé   muñoz ')).toBe('JOSE MUNOZ');
  });

  it('says two names are the same party with one rule, which detection uses too', () => {
    expect(foldName('Comercial Ñandú S.A.S.')).toBe(foldName('COMERCIAL NANDU'));
    expect(partyKey(undefined, 'Comercial Ñandú S.A.S.')).toBe(partyKey(undefined, 'comercial nandu'));
    expect(partyKey(undefined, 'Comercial Ñandú S.A.S.')).not.toBe(partyKey(undefined, 'Comercial Nandú Dos'));
  });

  it('keeps the partner-exchange form of a name exactly (documented format): folded, lower case, tokens sorted', () => {
    expect(exchangeNameKey('PÉREZ GÓMEZ, Juan')).toBe('gomez juan perez');
    expect(exchangeNameKey('Juan Pérez-Gómez')).toBe('gomez juan perez');
    expect(packageName).toBe(exchangeNameKey);
  });

  it('has one company-or-person rule for the chart, resolution and the importer', () => {
    expect(isCompanyName('Inversiones El Dorado Ltda.')).toBe(true);
    expect(isCompanyName('Carlos Ruiz')).toBe(false);
    expect(partyKindOf('Carlos Ruiz', 'NIT', '900123456')).toBe('company');
  });
});
