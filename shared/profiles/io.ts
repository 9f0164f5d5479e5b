import type { z } from 'zod';
import type { Typology } from '../detect/types';
import { UnitProfileSchema, type UnitProfile } from './schema';

type Issue = z.core.$ZodIssue;

/** Turns a zod issue into "path: what was expected", the way an analyst editing the file needs it. */
export function describeIssue(issue: Issue, input?: unknown): string {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  return `${path}: ${issueMessage(issue, input)}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function issueMessage(issue: Issue, input?: unknown): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number' && Number(issue.minimum) === 0 && !issue.inclusive) return 'expected a positive number';
      if (issue.origin === 'number') return `expected a number ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`;
      if (issue.origin === 'string') return `expected at least ${String(issue.minimum)} characters`;
      return issue.message;
    case 'too_big':
      if (issue.origin === 'number') return `expected a number ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`;
      return issue.message;
    case 'invalid_type': {
      const received = valueAt(input, issue.path);
      const got = received === undefined ? 'nothing' : received === null ? 'null' : Array.isArray(received) ? 'a list' : typeof received;
      return `expected ${article(issue.expected)}, got ${got}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  if (expected === 'object') return 'an object';
  if (expected === 'array') return 'a list';
  return `a ${expected}`;
}

export class ProfileError extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
    this.name = 'ProfileError';
  }
}

/**
 * Reads a unit profile from JSON. A malformed file is refused with every
 * offending field named, e.g. "cashThreshold.amount: expected a positive number".
 */
export function parseProfileJson(text: string): UnitProfile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ProfileError(`Profile is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = UnitProfileSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => describeIssue(issue, raw));
    throw new ProfileError(`Invalid profile: ${issues.join('; ')}`, issues);
  }
  return result.data;
}

export function profileToJson(profile: UnitProfile): string {
  return `${JSON.stringify(UnitProfileSchema.parse(profile), null, 2)}\n`;
}

/**
 * A typology's parameters for a unit: the profile's overrides laid over the
 * typology's zod defaults. An invalid or unknown override is an error naming
 * the typology and the parameter, never silently replaced by the default.
 */
export function typologyParamsFor<P extends z.ZodType>(profile: UnitProfile, typology: Typology<P>): z.infer<P> {
  const overrides = profile.typologyParams[typology.id] ?? {};
  const shape = (typology.params as unknown as { shape?: Record<string, unknown> }).shape;
  if (shape) {
    for (const key of Object.keys(overrides)) {
      if (!(key in shape)) {
        throw new ProfileError(`Profile "${profile.id}", typology "${typology.id}": unknown parameter "${key}"`, [`typologyParams.${typology.id}.${key}: unknown parameter`]);
      }
    }
  }
  const result = typology.params.safeParse(overrides);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `typologyParams.${typology.id}.${describeIssue(issue, overrides)}`);
    const first = result.error.issues[0];
    const param = first && first.path.length > 0 ? String(first.path[0]) : '(all)';
    throw new ProfileError(`Profile "${profile.id}", typology "${typology.id}", parameter "${param}": ${first ? issueMessage(first, overrides) : 'invalid'}`, issues);
  }
  return result.data;
}
