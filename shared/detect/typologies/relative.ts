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

/** The relative shapes take no parameters of their own: the profile's sensitivity (sensitivity.ts) sets their search. */
export const relativeShapeParams = z.object({});
export const layeringWalkParams = relativeShapeParams;

/**
 * A network typology found on relative evidence only. Its rule-based predecessor required the episode's
 * total to reach a share of the unit's cash threshold: the same file in another currency or amount scale
 * then gave other alerts, and benign traffic of large amounts fired it. The relative engine finds the
 * planted shapes of the own generator as well (bench:detect) and is the same at any amount scale.
 */
function relativeTypology(shape: Exclude<RelativeShape, 'cycle' | 'layering-walk'>, names: Typology['names'], description: Typology['description']): Typology<typeof relativeShapeParams> {
  return {
    id: shape,
    names,
    description,
    params: relativeShapeParams,
    run(data, _params, context) {
      return relativeFor(data, context, shape);
    },
  };
}

/** What each relative shape is called and how the profile editor describes it. */
const RELATIVE_SHAPES: Record<'fan-in' | 'fan-out' | 'scatter-gather' | 'gather-scatter', Pick<Typology, 'names' | 'description'>> = {
  'fan-in': {
    names: { es: 'Embudo (muchos a uno)', en: 'Fan-in (funnel)' },
    description: {
      es: 'Muchas cuentas que nunca le habían pagado envían dinero a una sola cuenta en pocos días, o una tras otra a intervalos exactos, de forma inusual para esa cuenta.',
      en: 'Many accounts that had never paid it send money to one account within days, or one after another at exact intervals, unusually for that account.',
    },
  },
  'fan-out': {
    names: { es: 'Dispersión (uno a muchos)', en: 'Fan-out' },
    description: {
      es: 'Una cuenta envía dinero a muchas cuentas a las que nunca había pagado en pocos días, o una tras otra a intervalos exactos, sin el patrón repetido de una nómina o de pagos a proveedores.',
      en: 'One account sends money to many accounts it had never paid within days, or one after another at exact intervals, without the repeating pattern of a payroll or supplier payments.',
    },
  },
  'scatter-gather': {
    names: { es: 'Dispersión y concentración', en: 'Scatter-gather' },
    description: {
      es: 'Una cuenta reparte dinero entre varias cuentas nuevas para ella, que lo reenvían a una misma cuenta con la que tampoco habían operado.',
      en: 'An account spreads money over several accounts new to it, which forward it to one account none of them had dealt with before.',
    },
  },
  'gather-scatter': {
    names: { es: 'Concentración y dispersión', en: 'Gather-scatter' },
    description: {
      es: 'Una cuenta recibe dinero de varias cuentas con las que nunca había operado y lo reparte enseguida entre otras cuentas nuevas para ella.',
      en: 'An account receives money from several accounts it had never dealt with and soon spreads it over other accounts new to it.',
    },
  },
};

export const fanIn = relativeTypology('fan-in', RELATIVE_SHAPES['fan-in'].names, RELATIVE_SHAPES['fan-in'].description);
export const fanOut = relativeTypology('fan-out', RELATIVE_SHAPES['fan-out'].names, RELATIVE_SHAPES['fan-out'].description);
export const scatterGather = relativeTypology('scatter-gather', RELATIVE_SHAPES['scatter-gather'].names, RELATIVE_SHAPES['scatter-gather'].description);
export const gatherScatter = relativeTypology('gather-scatter', RELATIVE_SHAPES['gather-scatter'].names, RELATIVE_SHAPES['gather-scatter'].description);

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
