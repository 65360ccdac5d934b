import { ErrorBody, Id } from '@table-order/contracts';
import { z } from 'zod';

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
