export {
  ApiError,
  API_BASE,
  apiRequest,
  configureApiAuth,
  currentToken,
  reportUnauthorized,
  type FieldError,
} from './client';
export { errorMessage } from './errors';
export { createQueryClient } from './query-client';
