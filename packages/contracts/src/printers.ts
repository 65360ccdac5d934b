import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import {
  PRINTER_CATEGORIES_MAX,
  PRINTER_DEFAULT_PORT,
  PRINTER_HOST_MAX,
  PRINTER_NAME_MAX,
  PRINTER_PAPER_WIDTHS,
  PRINTER_ROLES,
} from './constants.js';

export const PrinterRole = z.enum(PRINTER_ROLES);
export type PrinterRole = z.infer<typeof PrinterRole>;

/** 58 or 80 (mm). */
export const PaperWidth = z.union(PRINTER_PAPER_WIDTHS.map((w) => z.literal(w)));
export type PaperWidth = z.infer<typeof PaperWidth>;

/**
 * Where a printer is as every instance sees it: `failing` since the first failed try (`since`), back to
 * `ok` at the next ticket that goes through; `queued` jobs not yet sent.
 */
export const PrinterState = z.object({
  status: z.enum(['ok', 'failing']),
  since: Timestamp.nullable(),
  queued: z.number().int(),
  lastError: z.string().nullable(),
});
export type PrinterState = z.infer<typeof PrinterState>;

/** A network ticket printer (ESC/POS over TCP). `categoryIds` empty = every category. */
export const Printer = z
  .object({
    id: Id,
    name: z.string(),
    host: z.string(),
    port: z.number().int(),
    role: PrinterRole,
    categoryIds: z.array(Id),
    paperWidth: PaperWidth,
    enabled: z.boolean(),
    state: PrinterState,
  })
  .meta({ id: 'Printer' });
export type Printer = z.infer<typeof Printer>;

export const PrinterList = z.object({ items: z.array(Printer) });
export type PrinterList = z.infer<typeof PrinterList>;

/** A host name or IP address, any the operator names (loopback included). */
const Host = z
  .string()
  .trim()
  .min(1)
  .max(PRINTER_HOST_MAX)
  .regex(/^[A-Za-z0-9.:-]+$/, 'a host name or IP address');

/** `POST /admin/printers`. */
export const PrinterCreateBody = z.object({
  name: z.string().trim().min(1).max(PRINTER_NAME_MAX),
  host: Host,
  port: z.number().int().min(1).max(65_535).default(PRINTER_DEFAULT_PORT),
  role: PrinterRole,
  categoryIds: z
    .array(Id)
    .max(PRINTER_CATEGORIES_MAX)
    .refine((ids) => new Set(ids).size === ids.length, 'a category appears twice')
    .default([]),
  paperWidth: PaperWidth.default(80),
  enabled: z.boolean().default(true),
});
export type PrinterCreateBody = z.infer<typeof PrinterCreateBody>;

/** `PATCH /admin/printers/{id}`: any of the create fields. */
export const PrinterPatchBody = z.object({
  name: PrinterCreateBody.shape.name.optional(),
  host: Host.optional(),
  port: z.number().int().min(1).max(65_535).optional(),
  role: PrinterRole.optional(),
  categoryIds: z
    .array(Id)
    .max(PRINTER_CATEGORIES_MAX)
    .refine((ids) => new Set(ids).size === ids.length, 'a category appears twice')
    .optional(),
  paperWidth: PaperWidth.optional(),
  enabled: z.boolean().optional(),
});
export type PrinterPatchBody = z.infer<typeof PrinterPatchBody>;

/** The 202 of a reprint or test print: the jobs queued. */
export const PrintAccepted = z.object({ jobs: z.number().int() });
export type PrintAccepted = z.infer<typeof PrintAccepted>;

/** `printer.state`: one printer's state changed (admin streams only). */
export const PrinterStateEvent = z.object({ printerId: Id, state: PrinterState });
export type PrinterStateEvent = z.infer<typeof PrinterStateEvent>;
