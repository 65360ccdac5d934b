import type { ErrorBody } from '@table-order/contracts';
import { isErrorCode, type ErrorCode } from '@table-order/contracts/constants';
import { isRecord } from '../storage';

/** The API's error code, or `http_<status>` when the answer was not its error shape (a proxy's page). */
export type ApiErrorCode = ErrorCode | `http_${number}`;

/** A non-2xx answer from the API, with its `{error, message, details}` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: unknown[] = [],
    /** Seconds from `Retry-After`, when the server sent one. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request did not get an answer (offline, server down, timed out). */
export class NetworkError extends Error {
  constructor(message = 'network error') {
    super(message);
    this.name = 'NetworkError';
  }
}

/** Builds the ApiError of a failed response (tolerates bodies that are not the error shape). */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: Partial<Record<keyof ErrorBody, unknown>> = {};
  try {
    const parsed: unknown = await res.json();
    if (isRecord(parsed)) body = parsed;
  } catch {
    // not JSON: keep the status only
  }
  const retry = Number(res.headers.get('retry-after'));
  return new ApiError(
    res.status,
    isErrorCode(body.error) ? body.error : `http_${res.status}`,
    typeof body.message === 'string' ? body.message : res.statusText,
    Array.isArray(body.details) ? body.details : [],
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}

/** Tries left before a login locks (`details[0].remainingAttempts`, from the third failure on). */
export function remainingAttempts(err: ApiError): number | undefined {
  const first = err.details[0];
  return isRecord(first) && typeof first.remainingAttempts === 'number' ? first.remainingAttempts : undefined;
}
