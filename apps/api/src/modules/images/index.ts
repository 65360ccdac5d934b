export { imagesRoutes } from './images.routes.js';
export { imageExists } from './images.repository.js';
export { collectImageGarbage, describeImageGc, type ImageGcResult } from './images.gc.js';
