import type { z } from 'zod';

/**
 * A fast check compiled from a zod object schema's own definition (its
 * shape, types and checks), used in front of `safeParse` for the million-row
 * case. It returns true only when zod would accept the record *unchanged*
 * (defaults are filled in place); anything else — a failing value, a trim
 * that would change a string, a construct it does not know — returns false
 * and the row goes through `schema.safeParse` itself, so zod stays the
 * judge and its message is the one quarantined. If the schema uses any
 * construct this compiler does not recognise, no checker is built and every
 * row goes through zod.
 *
 * Why: zod's safeParse costs ~2 µs per transaction row (a payload object per
 * field), a quarter of the 8-second budget for a 1M-row import.
 */
export type RecordCheck = (record: Record<string, unknown>) => boolean;
type ValueCheck = (value: unknown) => boolean;

interface DefLike {
  type: string;
  checks?: { _zod: { def: CheckDefLike } }[];
  shape?: Record<string, { _zod: { def: DefLike } }>;
  innerType?: { _zod: { def: DefLike } };
  entries?: Record<string, string | number>;
  values?: unknown[];
  defaultValue?: unknown;
}

interface CheckDefLike {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
  tx?: (input: unknown) => unknown;
}

/**
 * The definition keys each construct may have for the compiled check to be
 * exact; any other key (format, pattern, coerce, catchall…) means a
 * behaviour this compiler does not reproduce.
 */
const ALLOWED_KEYS: Record<string, readonly string[]> = {
  object: ['type', 'shape', 'checks'],
  string: ['type', 'checks'],
  number: ['type', 'checks'],
  boolean: ['type'],
  enum: ['type', 'entries'],
  literal: ['type', 'values'],
  optional: ['type', 'innerType'],
  default: ['type', 'innerType', 'defaultValue'],
};

function defOf(schema: unknown): DefLike | undefined {
  const def = (schema as { _zod?: { def?: DefLike } } | undefined)?._zod?.def;
  if (!def) return undefined;
  const allowed = ALLOWED_KEYS[def.type];
  if (!allowed) return undefined;
  for (const key of Object.keys(def)) {
    if (!allowed.includes(key) && (def as unknown as Record<string, unknown>)[key] !== undefined) return undefined;
  }
  return def;
}

function compileChecks(def: DefLike): ValueCheck[] | undefined {
  const compiled: ValueCheck[] = [];
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    switch (c.check) {
      case 'min_length': {
        const minimum = c.minimum ?? 0;
        compiled.push((value) => (value as string).length >= minimum);
        break;
      }
      case 'max_length': {
        const maximum = c.maximum ?? Number.POSITIVE_INFINITY;
        compiled.push((value) => (value as string).length <= maximum);
        break;
      }
      case 'length_equals': {
        const length = c.length;
        compiled.push((value) => (value as string).length === length);
        break;
      }
      case 'string_format': {
        if (c.format !== 'regex' || !(c.pattern instanceof RegExp)) return undefined;
        const pattern = c.pattern;
        compiled.push((value) => {
          pattern.lastIndex = 0;
          return pattern.test(value as string);
        });
        break;
      }
      case 'overwrite': {
        // trim(), toLowerCase()…: accepted as-is only when it would not change the value.
        const tx = c.tx;
        if (typeof tx !== 'function') return undefined;
        compiled.push((value) => tx(value) === value);
        break;
      }
      case 'greater_than': {
        const limit = c.value as number;
        compiled.push(c.inclusive ? (value) => (value as number) >= limit : (value) => (value as number) > limit);
        break;
      }
      case 'less_than': {
        const limit = c.value as number;
        compiled.push(c.inclusive ? (value) => (value as number) <= limit : (value) => (value as number) < limit);
        break;
      }
      case 'number_format':
        if (c.format === 'safeint') compiled.push((value) => Number.isSafeInteger(value));
        else if (c.format === 'int32') compiled.push((value) => Number.isInteger(value) && (value as number) >= -2147483648 && (value as number) <= 2147483647);
        else return undefined;
        break;
      default:
        return undefined;
    }
  }
  return compiled;
}

function withChecks(base: ValueCheck, checks: ValueCheck[]): ValueCheck {
  if (checks.length === 0) return base;
  // One or two checks are the common case (min length; trim + min length): no loop, no array reads.
  if (checks.length === 1) {
    const only = checks[0] as ValueCheck;
    return (value) => base(value) && only(value);
  }
  if (checks.length === 2) {
    const first = checks[0] as ValueCheck;
    const second = checks[1] as ValueCheck;
    return (value) => base(value) && first(value) && second(value);
  }
  return (value) => {
    if (!base(value)) return false;
    for (let i = 0; i < checks.length; i++) if (!(checks[i] as ValueCheck)(value)) return false;
    return true;
  };
}

/** A value check, or undefined when the construct is unknown. Optional/default are handled by the object. */
function compileValue(def: DefLike): ValueCheck | undefined {
  const checks = compileChecks(def);
  if (!checks) return undefined;
  switch (def.type) {
    case 'string':
      return withChecks((value) => typeof value === 'string', checks);
    case 'number':
      return withChecks((value) => typeof value === 'number' && Number.isFinite(value), checks);
    case 'boolean':
      return checks.length === 0 ? (value) => typeof value === 'boolean' : undefined;
    case 'enum': {
      if (checks.length > 0 || !def.entries) return undefined;
      const allowed = new Set<unknown>(Object.values(def.entries));
      return (value) => allowed.has(value);
    }
    case 'literal': {
      if (checks.length > 0 || !def.values) return undefined;
      const allowed = new Set<unknown>(def.values);
      return (value) => allowed.has(value);
    }
    default:
      return undefined;
  }
}

interface FieldCheck {
  key: string;
  /** Index of the field in the values array (-1: never present). */
  slot: number;
  check: ValueCheck;
  optional: boolean;
  hasDefault: boolean;
  defaultValue: unknown;
}

/**
 * Checks field values laid out in an array (`layout[i]` names slot i), the
 * importer's form before it builds the record: array reads are cheap where
 * reading sixteen different keys of an object is a megamorphic lookup each.
 * Returns true when zod would accept the record unchanged, after writing
 * defaults into their slots.
 */
export type ValuesCheck = (values: unknown[]) => boolean;

function compileFields(schema: z.ZodType, layout: readonly string[]): FieldCheck[] | undefined {
  const def = defOf(schema);
  if (!def || def.type !== 'object' || !def.shape || (def.checks?.length ?? 0) > 0) return undefined;
  const fields: FieldCheck[] = [];
  for (const [key, child] of Object.entries(def.shape)) {
    let childDef = defOf(child);
    if (!childDef) return undefined;
    let optional = false;
    let hasDefault = false;
    let defaultValue: unknown;
    if (childDef.type === 'optional') {
      optional = true;
      childDef = defOf(childDef.innerType);
    } else if (childDef.type === 'default') {
      hasDefault = true;
      defaultValue = childDef.defaultValue;
      // Only plain values: a default that is an object would be shared between records.
      if (defaultValue !== null && typeof defaultValue === 'object') return undefined;
      childDef = defOf(childDef.innerType);
    }
    if (!childDef) return undefined;
    const check = compileValue(childDef);
    if (!check) return undefined;
    const slot = layout.indexOf(key);
    // A required field the layout cannot hold can never be valid: let zod say so.
    if (slot < 0 && !optional && !hasDefault) return undefined;
    fields.push({ key, slot, check, optional, hasDefault, defaultValue });
  }
  return fields;
}

export function compileValuesCheck(schema: z.ZodType, layout: readonly string[]): ValuesCheck | undefined {
  const compiled = compileFields(schema, layout);
  if (!compiled) return undefined;
  const fields = compiled.filter((field) => field.slot >= 0);
  return (values) => {
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as FieldCheck;
      const value = values[field.slot];
      if (value === undefined) {
        if (field.hasDefault) values[field.slot] = field.defaultValue;
        else if (!field.optional) return false;
        continue;
      }
      if (!field.check(value)) return false;
    }
    return true;
  };
}

/** The same check over a record object; `false` also for keys zod would strip. */
export function compileRecordCheck(schema: z.ZodType): RecordCheck | undefined {
  const def = defOf(schema);
  const layout = def?.shape ? Object.keys(def.shape) : [];
  const check = compileValuesCheck(schema, layout);
  if (!check) return undefined;
  const known = new Set(layout);
  return (record) => {
    for (const key in record) if (!known.has(key)) return false;
    const values = layout.map((key) => record[key]);
    if (!check(values)) return false;
    layout.forEach((key, index) => {
      if (record[key] === undefined && values[index] !== undefined) record[key] = values[index];
    });
    return true;
  };
}
