import { z } from 'zod';
import { CONTROL_ACTION_SPECS, type ControlAction, type FieldSpec } from './control-actions.js';
import type { SelfAction } from './control.js';
import { displayName } from './join.js';
import { SUBJECT_MAX } from './meeting.js';

const target = z.string().min(1).max(128);

/** The schema of each field kind of the action registry. */
function fieldSchema(spec: FieldSpec): z.ZodType {
  switch (spec.kind) {
    case 'identity':
      return spec.nullable ? target.nullable() : target;
    case 'boolean':
      return z.boolean();
    case 'choice':
      return z.enum(spec.values);
    case 'count':
      return z.number().int().min(0).max(spec.max);
    case 'subject':
      return z.string().trim().min(1).max(SUBJECT_MAX);
    case 'displayName':
      return displayName;
  }
}

const actionSchemas = Object.entries(CONTROL_ACTION_SPECS).map(([name, spec]) =>
  z.strictObject({ action: z.literal(name), ...Object.fromEntries(spec.fields.map(([field, f]) => [field, fieldSchema(f)])) }),
);

/** The body of `POST /api/meetings/:id/control`, derived from the registry (server side; the browser only sends it). */
export const controlActionSchema = z.discriminatedUnion('action', actionSchemas as [(typeof actionSchemas)[number], ...typeof actionSchemas]) as unknown as z.ZodType<ControlAction>;

export const selfActionSchema: z.ZodType<SelfAction> = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('rename'), name: displayName }),
  z.strictObject({ action: z.literal('requestShare'), on: z.boolean() }),
  z.strictObject({ action: z.literal('joinAudio') }),
  z.strictObject({ action: z.literal('recording'), on: z.boolean() }),
]);

export const handSchema = z.strictObject({ raised: z.boolean() });

export const ticketSchema = z.strictObject({ ticket: z.string().min(16).max(128) });

export const controlResultSchema = z.strictObject({ rev: z.number().int() });
