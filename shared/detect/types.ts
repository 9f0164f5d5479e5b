import type { z } from 'zod';
import type { Alert, CaseDataset, LocalizedText } from '../model';
import type { UnitProfile } from '../profiles/schema';
import type { SensitivityParameters } from './sensitivity';

/** Reports progress (0..1) and lets a long run stop early when the analyst cancels. */
export interface RunContext {
  profile: UnitProfile;
  /** The parameter set of the profile's sensitivity level; absent means 'balanced'. */
  sensitivity?: SensitivityParameters;
  onProgress?: (fraction: number) => void;
  isCancelled?: () => boolean;
}

/**
 * A typology detector, registered in the manner of gephi-lite's metrics:
 * data in, alerts out, parameters described by a zod schema with defaults so
 * the UI can render them and a unit's profile can override them.
 */
export interface Typology<P extends z.ZodType = z.ZodType> {
  id: string;
  names: LocalizedText;
  description: LocalizedText;
  params: P;
  run(data: CaseDataset, params: z.infer<P>, context: RunContext): Alert[];
}
