import { z } from 'zod';
import { ProvenanceSchema } from '../model/records';

/**
 * Links between parties and accounts that the transaction model has no place
 * for: who holds an account, who may sign on it, who directs a company.
 * goAML states them (t_account/t_entity, signatory, director_id) and FtM has
 * Ownership, Representation and Directorship for them.
 */
export const RELATIONSHIP_KINDS = ['holder', 'signatory', 'director'] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

export const RelationshipSchema = z.object({
  /** `${kind}:${partyId}>${targetId}`: the same link stated twice is one link. */
  id: z.string().min(1),
  kind: z.enum(RELATIONSHIP_KINDS),
  /** The party that holds, signs or directs (a Party id). */
  partyId: z.string().min(1),
  partyName: z.string().min(1),
  /** What is held, signed on or directed: an account id, or a company's Party id. */
  targetKind: z.enum(['account', 'party']),
  targetId: z.string().min(1),
  targetName: z.string().optional(),
  /** The role as the source wrote it ("Apoderado", "Gerente general"), verbatim. */
  role: z.string().optional(),
  source: ProvenanceSchema,
});
export type Relationship = z.infer<typeof RelationshipSchema>;

export function relationshipId(kind: RelationshipKind, partyId: string, targetId: string): string {
  return `${kind}:${partyId}>${targetId}`;
}
