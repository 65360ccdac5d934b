import { lazy } from 'react';

/** The sales page, with Chart.js, in its own chunk: fetched the first time an owner opens 매출. */
export const SalesPage = lazy(() => import('./SalesPage'));
