import { z } from 'zod';
import type { Alert } from '../../model';
import { indexCase } from '../indexing';
import { relativeAlerts, type RelativeShape } from '../relative/engine';
import { sensitivityParameters } from '../sensitivity';
import type { RunContext, Typology } from '../types';
import { explainedTradePayments } from './trade';

/**
 * A network typology reports two kinds of evidence: its own rule (kept for
 * the shapes it was written for) and the relative engine's alerts of the
 * same shape (new relationships against each account's baseline), which is
 * what carries over to data nobody here made. Overlaps are merged later.
 */
export function withRelativeEvidence<P extends z.ZodType>(typology: Typology<P>, shape: RelativeShape): Typology<P> {
  return {
    ...typology,
    run(data, params, context) {
      const own = typology.run(data, params, context);
      return [...own, ...relativeFor(data, context, shape)];
    },
  };
}

function relativeFor(data: Parameters<Typology['run']>[0], context: RunContext, shape: RelativeShape): Alert[] {
  const index = indexCase(data, context.profile);
  return relativeAlerts(index, context.sensitivity ?? sensitivityParameters(), shape, explainedTradePayments(index, context.profile));
}

export const layeringWalkParams = z.object({});

/** Money hopping through accounts that had never dealt with each other, each hop within days of the previous one. */
export const layeringWalk: Typology<typeof layeringWalkParams> = {
  id: 'layering-walk',
  names: { es: 'Recorrido de estratificación', en: 'Layering walk' },
  description: {
    es: 'El dinero salta por varias cuentas que nunca habían operado entre sí, cada salto pocos días después del anterior.',
    en: 'Money hops through several accounts that had never dealt with each other, each hop a few days after the previous one.',
  },
  params: layeringWalkParams,
  run(data, _params, context) {
    return relativeFor(data, context, 'layering-walk');
  },
};
