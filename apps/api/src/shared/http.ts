import { ErrorBody, Id } from '@table-order/contracts';
import { z } from 'zod';
import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';

/** `{id}` path parameter; anything that is not a positive integer answers 404. */
export const IdParams = z.object({ id: z.coerce.number().pipe(Id) });

/** Error responses every authenticated route may give (documented in OpenAPI). */
export const authedErrors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
  503: ErrorBody,
};

/** `{items: [...]}` list wrapper used for tables, categories and menu items. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

// JSON text already written for a value by the code that built it (a new order's event payload), so a
// response can send that text instead of serialising the value again.
const jsonTexts = new WeakMap<object, string>();

/** Marks `value` as already serialised to `json` (the same data); routes using `reuseJsonText` send it. */
export function withJsonText<T extends object>(value: T, json: string): T {
  jsonTexts.set(value, json);
  return value;
}

/**
 * A route's serializer compiler: the zod serializer, except that a value marked by `withJsonText` is
 * sent as its text (the text came from the same value, so it matches the response schema).
 */
export function reuseJsonText<S>(
  route: Parameters<FastifySerializerCompiler<S>>[0],
): (data: unknown) => string {
  // Fastify hands a serializer compiler one response schema (per status code), not the route's.
  const { schema } = route;
  if (!(schema instanceof z.ZodType))
    throw new Error(`${route.method} ${route.url}: not a zod response schema`);
  const serialize = serializerCompiler({ ...route, schema });
  return (data) =>
    (typeof data === 'object' && data !== null ? jsonTexts.get(data) : undefined) ?? serialize(data);
}
