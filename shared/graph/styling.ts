import { z } from 'zod';
import type { Graph, GraphEdge, GraphNode } from './types';

/**
 * Rule-based styling (issue 15): criteria on what a node or link is or what
 * the analysis found, mapped to a fill, a size, a border or a badge. Rules
 * are data the analyst saves with the case and shares as templates, so they
 * are parsed strictly: a colour is #rrggbb, a badge is a few plain characters.
 */

export const NODE_FIELDS = ['kind', 'country', 'bank', 'name', 'volumeUsd', 'degree', 'inDegree', 'outDegree', 'transactionCount', 'alerted', 'community', 'core', 'grade', 'screened', 'pep', 'watchList'] as const;
export const LINK_FIELDS = ['count', 'weightUsd', 'currency', 'kind', 'grade'] as const;
export const OPERATORS = ['>=', '<=', '=', '!=', 'contains', 'in'] as const;

const COLOUR = /^#[0-9a-fA-F]{6}$/;

const styleSchema = z
  .object({
    colour: z.string().regex(COLOUR).optional(),
    border: z.string().regex(COLOUR).optional(),
    /** Size (nodes) or width (links) multiplier. */
    scale: z.number().min(0.25).max(4).optional(),
    /** Letters, digits and a few signs only: it is drawn on the chart and printed in exports. */
    badge: z
      .string()
      .max(6)
      .regex(/^[\p{L}\p{N} !?*+#-]*$/u)
      .optional(),
  })
  .strict();

export const styleRuleSchema = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(80),
    target: z.enum(['node', 'link']),
    field: z.string().max(32),
    operator: z.enum(OPERATORS),
    /** Numbers compare as numbers; `in` takes a comma-separated list (countries "PA, VG, KY"). */
    value: z.union([z.string().max(500), z.number(), z.boolean()]),
    style: styleSchema,
    enabled: z.boolean(),
  })
  .strict()
  .refine((rule) => (rule.target === 'node' ? (NODE_FIELDS as readonly string[]).includes(rule.field) : (LINK_FIELDS as readonly string[]).includes(rule.field)), { message: 'unknown field for this target', path: ['field'] });

export type StyleRule = z.infer<typeof styleRuleSchema>;
export type RuleStyle = z.infer<typeof styleSchema>;

export const styleRulesSchema = z.array(styleRuleSchema).max(100);

/** Parses stored or imported rules; a bad rule is reported by position and field, never half-applied. */
export function parseStyleRules(input: unknown): { rules: StyleRule[]; error?: string } {
  const parsed = styleRulesSchema.safeParse(input);
  if (parsed.success) return { rules: parsed.data };
  const issue = parsed.error.issues[0];
  return { rules: [], error: issue ? `rule ${String(issue.path[0] ?? '?')}${issue.path.length > 1 ? `, ${issue.path.slice(1).join('.')}` : ''}: ${issue.message}` : 'invalid rules' };
}

/** What the analysis adds to a node for the rules: alerts, community and core numbers, the weakest grade behind it. */
export interface RuleContext {
  alerted?: ReadonlySet<string>;
  community?: ReadonlyMap<string, number>;
  core?: ReadonlyMap<string, number>;
  grade?: ReadonlyMap<string, string>;
  /** Screening hits on the node's parties (only nodes with at least one hit are in the map). */
  screening?: ReadonlyMap<string, ScreeningFlags>;
}

/** What screening found behind a node: a PEP list, a watch list (sanctions, wanted persons), or both. */
export interface ScreeningFlags {
  pep: boolean;
  watchList: boolean;
}

export interface AppliedStyle extends RuleStyle {
  /** Rules that matched, first to last; later rules win where they set the same property. */
  ruleIds: string[];
}

export interface StylingResult {
  nodes: Map<string, AppliedStyle>;
  edges: Map<string, AppliedStyle>;
  /** How many nodes or links each rule matched, for the legend ("PEP — 4"). */
  matches: Map<string, number>;
}

function nodeValue(node: GraphNode, field: string, context: RuleContext): string | number | boolean | undefined {
  switch (field) {
    case 'kind':
      return node.kind;
    case 'country':
      return node.country;
    case 'bank':
      return node.bank;
    case 'name':
      return [node.label, node.holderName ?? ''].join(' ');
    case 'volumeUsd':
      return node.volumeUsd;
    case 'degree':
      return node.degree;
    case 'inDegree':
      return node.inDegree;
    case 'outDegree':
      return node.outDegree;
    case 'transactionCount':
      return node.transactionCount;
    case 'alerted':
      return context.alerted?.has(node.id) ?? false;
    case 'community':
      return context.community?.get(node.id) !== undefined ? (context.community.get(node.id) as number) + 1 : undefined;
    case 'core':
      return context.core?.get(node.id);
    case 'grade':
      return context.grade?.get(node.id);
    case 'screened':
      return context.screening?.has(node.id) ?? false;
    case 'pep':
      return context.screening?.get(node.id)?.pep ?? false;
    case 'watchList':
      return context.screening?.get(node.id)?.watchList ?? false;
    default:
      return undefined;
  }
}

function linkValue(edge: GraphEdge, field: string, context: RuleContext): string | number | boolean | undefined {
  switch (field) {
    case 'count':
      return edge.count;
    case 'weightUsd':
      return edge.weightUsd;
    case 'currency':
      return Object.keys(edge.totals).join(',');
    case 'kind':
      return edge.kind;
    case 'grade':
      return context.grade?.get(edge.id);
    default:
      return undefined;
  }
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .trim();

/** Whether a value meets a rule; text compares without case or accents, numbers as numbers. */
export function matches(actual: string | number | boolean | undefined, operator: StyleRule['operator'], expected: StyleRule['value']): boolean {
  if (actual === undefined) return false;
  if (typeof actual === 'boolean') {
    const wanted = typeof expected === 'boolean' ? expected : fold(String(expected)) === 'TRUE' || fold(String(expected)) === 'SI' || fold(String(expected)) === 'YES';
    return operator === '!=' ? actual !== wanted : operator === '=' ? actual === wanted : false;
  }
  if (typeof actual === 'number') {
    const number = typeof expected === 'number' ? expected : Number(String(expected).replace(/[\s,]/g, ''));
    if (operator === 'in') return String(expected).split(',').map((part) => Number(part.trim())).includes(actual);
    if (!Number.isFinite(number)) return false;
    if (operator === '>=') return actual >= number;
    if (operator === '<=') return actual <= number;
    if (operator === '=') return actual === number;
    if (operator === '!=') return actual !== number;
    return false;
  }
  const text = fold(actual);
  const wanted = fold(String(expected));
  switch (operator) {
    case '=':
      return text === wanted;
    case '!=':
      return text !== wanted;
    case 'contains':
      return text.includes(wanted);
    case 'in':
      // A link in several currencies matches when any of them is listed.
      return wanted
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .some((part) => text.split(',').includes(part));
    case '>=':
      return text >= wanted;
    case '<=':
      return text <= wanted;
    default:
      return false;
  }
}

/** Applies the enabled rules in order to every node and link of the graph. */
export function applyStyleRules(graph: Graph, rules: readonly StyleRule[], context: RuleContext = {}): StylingResult {
  const result: StylingResult = { nodes: new Map(), edges: new Map(), matches: new Map() };
  const merge = (map: Map<string, AppliedStyle>, id: string, rule: StyleRule) => {
    const current = map.get(id) ?? { ruleIds: [] };
    map.set(id, { ...current, ...rule.style, ruleIds: [...current.ruleIds, rule.id] });
    result.matches.set(rule.id, (result.matches.get(rule.id) ?? 0) + 1);
  };
  for (const rule of rules) {
    if (!rule.enabled) continue;
    result.matches.set(rule.id, 0);
    if (rule.target === 'node') {
      for (const node of graph.nodes) if (matches(nodeValue(node, rule.field, context), rule.operator, rule.value)) merge(result.nodes, node.id, rule);
    } else {
      for (const edge of graph.edges) if (matches(linkValue(edge, rule.field, context), rule.operator, rule.value)) merge(result.edges, edge.id, rule);
    }
  }
  return result;
}
