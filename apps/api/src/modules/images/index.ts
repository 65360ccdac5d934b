export { imagesRoutes } from './images.routes.js';
export { imageExists } from './images.repository.js';
export {
  collectImageGarbage,
  describeImageGc,
  IMAGE_GC_MIN_AGE_MS,
  type ImageGcResult,
} from './images.gc.js';
