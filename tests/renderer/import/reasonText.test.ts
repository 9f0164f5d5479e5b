import { describe, expect, it } from 'vitest';
import { reasonAfterFile } from '../../../renderer/features/import/reasonText';

describe('an import screen names the file once', () => {
  it('drops the file name a reason starts with, keeps the line and column it gives', () => {
    expect(reasonAfterFile('extracto.xlsx', 'extracto.xlsx: el libro está protegido con contraseña')).toBe('el libro está protegido con contraseña');
    expect(reasonAfterFile('ros.xml', 'ros.xml, línea 48006, columna 12: más de 1.048.576 caracteres')).toBe('línea 48006, columna 12: más de 1.048.576 caracteres');
  });

  it('leaves a reason whole when it does not start with the file name, or only with a longer name that begins the same', () => {
    expect(reasonAfterFile('a.xml', 'Out of memory')).toBe('Out of memory');
    expect(reasonAfterFile('a.xml', 'a.xml.bak: not a goAML report')).toBe('a.xml.bak: not a goAML report');
    expect(reasonAfterFile('', ': odd')).toBe(': odd');
  });
});
