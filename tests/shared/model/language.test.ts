import { describe, expect, it } from 'vitest';
import { errorTextIn, inLanguage } from '../../../shared/model';

describe('the reader’s language (one rule for every error and refusal)', () => {
  it('gives the Spanish wording in a Spanish session and the English otherwise; an empty or missing Spanish falls back', () => {
    expect(inLanguage('es', 'file refused', 'archivo rechazado')).toBe('archivo rechazado');
    expect(inLanguage('en', 'file refused', 'archivo rechazado')).toBe('file refused');
    expect(inLanguage('es', 'file refused', '')).toBe('file refused');
    expect(inLanguage('es', 'file refused')).toBe('file refused');
  });

  it('reads errors, the plain objects a worker sends back, and anything else thrown', () => {
    const bilingual = Object.assign(new Error('line 4: amount is not a number'), { messageEs: 'línea 4: el monto no es un número' });
    expect(errorTextIn('es', bilingual)).toBe('línea 4: el monto no es un número');
    expect(errorTextIn('en', bilingual)).toBe('line 4: amount is not a number');
    expect(errorTextIn('es', { message: 'sheet 2: no header', messageEs: 'hoja 2: sin encabezado' })).toBe('hoja 2: sin encabezado');
    expect(errorTextIn('es', new Error('disk full'))).toBe('disk full');
    expect(errorTextIn('es', { message: 'x', messageEs: 42 })).toBe('x');
    expect(errorTextIn('es', 'plain text')).toBe('plain text');
    expect(errorTextIn('en', null)).toBe('null');
  });
});
