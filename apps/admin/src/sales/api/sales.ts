import type { SalesReport } from '@table-order/contracts';
import { isErrorCode } from '@table-order/contracts/constants';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { API_BASE, ApiError, apiRequest, currentToken, reportUnauthorized } from '../../shared/api';
import type { DayRange } from '../presets';

export const salesKeys = {
  all: ['sales'] as const,
  report: (r: DayRange) => ['sales', 'report', r.from, r.to] as const,
};

const query = (r: DayRange) => `from=${encodeURIComponent(r.from)}&to=${encodeURIComponent(r.to)}`;

/** GET /admin/reports/sales (owners only) for a range of store days. */
export function useSalesReport(range: DayRange) {
  return useQuery({
    queryKey: salesKeys.report(range),
    queryFn: ({ signal }) =>
      apiRequest<SalesReport>('GET', '/admin/reports/sales', { signal, query: { ...range } }),
    // Switching presets keeps the last figures on screen until the new ones arrive (no flash of empty).
    placeholderData: keepPreviousData,
  });
}

/**
 * Downloads the range's CSV as a file. The token travels in the Authorization header (never in a URL),
 * so the browser cannot fetch the link itself: the file is read into a Blob and saved from there.
 */
export async function downloadSalesCsv(range: DayRange): Promise<void> {
  const token = currentToken();
  const res = await fetch(`${API_BASE}/admin/reports/sales.csv?${query(range)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    cache: 'no-store',
  });
  if (res.status === 401) reportUnauthorized();
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string; message?: string } | null;
    const code = body?.error;
    throw new ApiError(
      res.status,
      isErrorCode(code) ? code : `http_${res.status}`,
      body?.message ?? res.statusText,
    );
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `sales-${range.from}_${range.to}.csv`;
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // The click has handed the Blob to the download; free it once the browser has taken it.
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 10_000);
  }
}
