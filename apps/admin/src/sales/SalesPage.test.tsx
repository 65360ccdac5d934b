import type { SalesReport } from '@table-order/contracts';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, queryWrapper } from '../shared/api/testing';
import { ToastProvider } from '../shared/ui';
import SalesPage from './SalesPage';

vi.mock('../auth', () => ({
  useSession: () => ({
    store: { identifier: 'demo', name: '데모 식당', timeZone: 'Asia/Seoul' },
    admin: { id: 1, username: 'boss', role: 'owner' },
  }),
}));
// happy-dom has no canvas: the chart stands in as its accessible label and its figures.
vi.mock('./BarChart', () => ({
  BarChart: (p: { label: string; values: number[] }) => (
    <div role="img" aria-label={p.label}>
      {p.values.join(',')}
    </div>
  ),
}));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-11T03:00:00Z')); // Wednesday 12:00 in Seoul
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function report(from: string, to: string, revenue: number): SalesReport {
  return {
    from,
    to,
    totals: {
      orders: 3,
      sessions: 2,
      revenue,
      averagePerSession: Math.floor(revenue / 2),
      cancelledAmount: 4000,
    },
    byDay: [{ date: from, orders: 3, revenue }],
    byHour: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      orders: hour === 12 ? 3 : 0,
      revenue: hour === 12 ? revenue : 0,
    })),
    byItem: [
      { menuItemId: 2, name: '된장찌개', quantity: 2, revenue: 20000 },
      { menuItemId: 3, name: '콜라', quantity: 3, revenue: 6000 },
    ],
    byTable: [{ tableNumber: 2, sessions: 1, revenue: 22000 }],
  };
}

function renderPage() {
  const { wrapper: Query } = queryWrapper();
  render(
    <Query>
      <ToastProvider>
        <SalesPage />
      </ToastProvider>
    </Query>,
  );
}

describe('sales page', () => {
  it("opens on today's figures: totals, charts, rankings", async () => {
    const api = fakeApi();
    api.answer(200, report('2026-03-11', '2026-03-11', 26000));
    renderPage();
    expect(await screen.findByText('26,000원')).toBeTruthy();
    expect(api.sent.map((r) => r.path)).toEqual(['/admin/reports/sales?from=2026-03-11&to=2026-03-11']);
    expect(screen.getByText('13,000원')).toBeTruthy(); // per party
    expect(screen.getByText('테이블 이용 2회')).toBeTruthy();
    expect(screen.getByText('4,000원')).toBeTruthy(); // cancelled
    expect(screen.getByRole('button', { name: '오늘' }).getAttribute('aria-pressed')).toBe('true');
    expect(
      screen.getByRole('img', { name: /^시간대별 매출 막대 차트, 가장 많은 시간 12시 26,000원/ }),
    ).toBeTruthy();
    const items = screen.getByRole('table', { name: '메뉴 순위' });
    expect(
      within(items)
        .getAllByRole('rowheader')
        .map((c) => c.textContent),
    ).toEqual(['된장찌개', '콜라']);
    expect(within(screen.getByRole('table', { name: '테이블 순위' })).getByText('테이블 2')).toBeTruthy();
  });

  it('switches presets, and refuses a reversed custom range without asking the API', async () => {
    const api = fakeApi();
    api.answer(200, report('2026-03-11', '2026-03-11', 26000));
    api.answer(200, report('2026-02-01', '2026-02-28', 900000));
    api.answer(200, report('2026-03-09', '2026-03-11', 50000));
    renderPage();
    await screen.findByText('26,000원');
    fireEvent.click(screen.getByRole('button', { name: '지난 달' }));
    expect(await screen.findByText('900,000원')).toBeTruthy();
    expect(api.sent.at(-1)?.path).toBe('/admin/reports/sales?from=2026-02-01&to=2026-02-28');
    expect(screen.getByRole('button', { name: '지난 달' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '이번 주' }));
    await waitFor(() => {
      expect(api.sent.at(-1)?.path).toBe('/admin/reports/sales?from=2026-03-09&to=2026-03-11');
    });

    fireEvent.change(screen.getByLabelText('시작일'), { target: { value: '2026-03-12' } });
    fireEvent.change(screen.getByLabelText('종료일'), { target: { value: '2026-03-01' } });
    fireEvent.click(screen.getByRole('button', { name: '조회' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      '시작일이 종료일보다 늦습니다. 날짜를 바꿔 주세요.',
    );
    expect(api.sent).toHaveLength(3);
  });
});
