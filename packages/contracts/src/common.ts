import { z } from 'zod';
import { ERROR_CODES } from './constants.js';

/** Resource ids: positive integers, opaque to clients. */
export const Id = z.number().int().positive();

/** The one error body every non-2xx API response carries. */
export const ErrorBody = z
  .object({
    error: z.enum(ERROR_CODES).meta({ description: 'Stable snake_case code' }),
    message: z.string(),
    details: z.array(z.unknown()).optional(),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A calendar date `YYYY-MM-DD` (interpreted in the store's time zone). */
export const DateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'not a valid calendar date');

export const Timestamp = z.string().meta({ description: 'UTC ISO-8601 timestamp' });
