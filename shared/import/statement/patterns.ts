import type { CounterpartyPattern } from './spec';
import { normaliseAccount } from './accounts';

/** What one pattern took out of one description. */
export interface Capture {
  account?: string;
  name?: string;
  /** The label of the pattern that matched. */
  pattern: string;
}

export interface CompiledPatterns {
  /** The first pattern that captures an account or a name, in the mapping's order. */
  extract(description: string): Capture | undefined;
}

/** Descriptions are matched on their first characters only: a bank's description is short, and a long one must not make a pattern crawl. */
const MAX_DESCRIPTION = 400;

/**
 * Suggested patterns for the descriptions Latin-American banks write
 * ("TRANSF A CTA 001234567 JUAN PEREZ", "TRANSFERENCIA DE 0012-3456 EMPRESA SA",
 * "PIX RECEBIDO ... CONTA 12345-6", "TRANSFER TO ACC 12345678 JOHN DOE").
 * Offered in the mapping editor, where the analyst edits, removes or adds.
 */
export const SUGGESTED_PATTERNS: readonly CounterpartyPattern[] = [
  {
    label: 'Transferencia a/de cuenta',
    pattern: String.raw`(?:TRANSF(?:ERENCIA)?|TRF|TRASPASO|PAGO|ABONO|ENVIO|RECIBIDA?)\.?\s+(?:A|DE|DESDE|HACIA|PARA|RECIBIDA DE|ENVIADA A)?\s*(?:LA\s+)?(?:CTA|CUENTA|CTA\.)\.?\s*(?:NO\.?|NRO\.?|N°|#)?\s*(?<account>[0-9][0-9-]{4,})(?:\s+(?<name>[^\d/|]{3,}))?`,
  },
  {
    label: 'Transferência conta',
    pattern: String.raw`(?:TED|DOC|PIX|TRANSF(?:ERENCIA)?)\s+(?:ENVIADA|RECEBIDA|ENVIADO|RECEBIDO)?\s*(?:PARA|DE)?\s*(?:CONTA|CC|C\/C)\s*(?:N[º°O]?\.?)?\s*(?<account>[0-9][0-9-]{4,})(?:\s+(?<name>[^\d/|]{3,}))?`,
  },
  {
    label: 'Transfer to/from account',
    pattern: String.raw`(?:TRANSFER|WIRE|PAYMENT)\s+(?:TO|FROM)\s+(?:ACC(?:OUNT)?|ACCT)\.?\s*(?:NO\.?|#)?\s*(?<account>[0-9][0-9-]{4,})(?:\s+(?<name>[^\d/|]{3,}))?`,
  },
];

export interface CompiledPattern {
  label: string;
  regex: RegExp;
}

export function compilePatterns(patterns: readonly CounterpartyPattern[]): CompiledPatterns {
  const compiled: CompiledPattern[] = patterns.map((pattern) => ({ label: pattern.label, regex: new RegExp(pattern.pattern, 'iu') }));
  return {
    extract(description) {
      if (compiled.length === 0 || description === '') return undefined;
      const text = description.length > MAX_DESCRIPTION ? description.slice(0, MAX_DESCRIPTION) : description;
      for (const { label, regex } of compiled) {
        const capture = captureWith(regex, label, text);
        if (capture) return capture;
      }
      return undefined;
    },
  };
}

function captureWith(regex: RegExp, label: string, text: string): Capture | undefined {
  const match = regex.exec(text);
  if (!match) return undefined;
  const groups = match.groups ?? {};
  const capture: Capture = { pattern: label };
  const account = groups.account?.trim();
  const name = groups.name?.trim().replace(/\s+/g, ' ');
  if (account) capture.account = normaliseAccount(account);
  if (name) capture.name = name;
  return capture.account || capture.name ? capture : undefined;
}

export interface PatternPreviewRow {
  line: number;
  description: string;
  account?: string;
  name?: string;
}

export interface PatternPreview {
  label: string;
  /** The pattern's error when it does not compile (the editor shows it in place of captures). */
  error?: string;
  /** Descriptions it captured something from (each pattern judged alone). */
  matched: number;
  examples: PatternPreviewRow[];
}

/** What each pattern captures from the statement's descriptions, judged one by one, for the editor's preview. */
export function previewPatterns(patterns: readonly CounterpartyPattern[], descriptions: readonly { line: number; description: string }[], examples = 5): PatternPreview[] {
  return patterns.map((pattern) => {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern.pattern, 'iu');
    } catch (error) {
      return { label: pattern.label, error: (error as Error).message, matched: 0, examples: [] };
    }
    const preview: PatternPreview = { label: pattern.label, matched: 0, examples: [] };
    for (const { line, description } of descriptions) {
      const capture = captureWith(regex, pattern.label, description.slice(0, MAX_DESCRIPTION));
      if (!capture) continue;
      preview.matched += 1;
      if (preview.examples.length < examples) {
        const row: PatternPreviewRow = { line, description };
        if (capture.account) row.account = capture.account;
        if (capture.name) row.name = capture.name;
        preview.examples.push(row);
      }
    }
    return preview;
  });
}
