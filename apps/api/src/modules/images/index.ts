export { imagesRoutes } from './images.routes.js';
export {
  collectImageGarbage,
  describeImageGc,
  IMAGE_GC_MIN_AGE_MS,
  type ImageGcResult,
} from './images.gc.js';
