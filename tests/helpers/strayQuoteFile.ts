/**
 * The file of issue 10: a header, then `R0,2025-07-01,1,"A,B,USD` (a stray
 * quote opening the fourth cell), then 300,000 good rows. Before the
 * re-synchronising chunker the quote swallowed 193,445 of them.
 */
export const STRAY_QUOTE_LINE = 'R0,2025-07-01,1,"A,B,USD';

export function strayQuoteCsv(goodRows = 300_000): string {
  const parts = ['id,fecha,monto,cuenta origen,cuenta destino,moneda', STRAY_QUOTE_LINE];
  for (let i = 1; i <= goodRows; i++) parts.push(`R${i},2025-07-${String(1 + (i % 28)).padStart(2, '0')},${(i % 9000) + 1}.25,A${i % 500},B${i % 700},USD`);
  return parts.join('\n') + '\n';
}
