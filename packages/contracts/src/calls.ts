import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { CALL_MESSAGE_MAX, CALL_REASON_MAX, CALL_REASONS_MAX, CALL_STATUSES } from './constants.js';

export const CallStatus = z.enum(CALL_STATUSES);
export type CallStatus = z.infer<typeof CallStatus>;

/** A staff call (직원 호출) from a table: the reasons chosen, an optional message, and where it stands. */
export const Call = z
  .object({
    id: Id,
    tableId: Id,
    tableNumber: z.number().int(),
    reasons: z.array(z.string()),
    message: z.string().nullable(),
    status: CallStatus,
    createdAt: Timestamp,
    acknowledgedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Call' });
export type Call = z.infer<typeof Call>;

export const CallList = z.object({ calls: z.array(Call) });
export type CallList = z.infer<typeof CallList>;

/** `POST /table/calls`: reasons from the store's list and/or a message (at least one of them). */
export const CallCreateBody = z
  .object({
    reasons: z
      .array(z.string().trim().min(1).max(CALL_REASON_MAX))
      .max(CALL_REASONS_MAX)
      .refine((r) => new Set(r).size === r.length, 'a reason appears twice')
      .default([]),
    message: z.string().trim().max(CALL_MESSAGE_MAX).optional(),
  })
  .refine((b) => b.reasons.length > 0 || (b.message ?? '') !== '', {
    message: 'choose at least one reason or write a message',
    path: ['reasons'],
  });
export type CallCreateBody = z.infer<typeof CallCreateBody>;

export const CallsQuery = z.object({ status: z.enum(['open', 'all']).default('open') });
export type CallsQuery = z.infer<typeof CallsQuery>;
