export { PrintersPage } from './PrintersPage';
export { PrinterStatusStrip } from './PrinterStatus';
export { useReprintOrder } from './api/reprint-order';
export { printerKeys } from './api/query-keys';
