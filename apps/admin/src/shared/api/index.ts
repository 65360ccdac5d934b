export {
  ApiError,
  API_BASE,
  apiRequest,
  configureApiAuth,
  currentToken,
  reportUnauthorized,
  retryAfterSeconds,
  type FieldError,
} from './client';
export { errorMessage } from './errors';
export { createQueryClient } from './query-client';
