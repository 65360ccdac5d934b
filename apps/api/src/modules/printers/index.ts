export { printersRoutes } from './printers.routes.js';
export { PrintersService } from './printers.service.js';
export { enqueueBill, enqueueOrderTickets, type PrinterRoute } from './print-jobs.js';
export { startPrintWorker, type PrintWorker } from './print-worker.js';
