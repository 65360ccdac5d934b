import type { Order } from '@table-order/contracts';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../auth';
import { queryWrapper } from '../shared/api/testing';
import { lineLabel } from '../shared/format';
import { translator } from '../shared/i18n';
import { orderLines, orderSummary } from './order-summary';
import { TableCard } from './TableCard';

const order: Order = {
  id: 41,
  orderNumber: '20260310-0041',
  tableId: 3,
  tableNumber: 3,
  sessionId: 8,
  status: 'pending',
  note: '',
  totalAmount: 19_000,
  createdAt: '2026-03-10T03:00:00.000Z',
  updatedAt: '2026-03-10T03:00:00.000Z',
  items: [
    {
      menuItemId: 5,
      name: '떡볶이',
      unitPrice: 8500,
      quantity: 2,
      subtotal: 17_000,
      options: [
        { groupName: '맵기 선택', name: '아주 매운맛', priceDelta: 500 },
        { groupName: '사리 추가', name: '치즈', priceDelta: 2000 },
      ],
    },
    { menuItemId: 9, name: '콜라', unitPrice: 2000, quantity: 1, subtotal: 2000, options: [] },
  ],
};

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('order lines with options', () => {
  it('name each line’s options in the summaries', () => {
    expect(orderLines(order)).toBe('떡볶이(아주 매운맛, 치즈) ×2, 콜라 ×1');
    expect(orderSummary(order, translator('ko'))).toBe('떡볶이(아주 매운맛, 치즈) ×2 외 1');
    // A line an earlier release sent has no options field.
    expect(lineLabel({ name: '공기밥', quantity: 2 })).toBe('공기밥 ×2');
  });

  it('show on the board card', () => {
    localStorage.setItem(
      'table-order.admin.session',
      JSON.stringify({
        accessToken: 't',
        expiresAt: Date.now() + 3_600_000,
        store: { identifier: 'demo', name: '데모 식당', timeZone: 'Asia/Seoul' },
        admin: { id: 1, username: 'admin' },
      }),
    );
    const { wrapper } = queryWrapper();
    const actions = {
      onOpenOrder: vi.fn(),
      onOpenTable: vi.fn(),
      onCheckout: vi.fn(),
      onTableOp: vi.fn(),
      onHistory: vi.fn(),
      onAcknowledgeCall: vi.fn(),
    };
    render(
      <AuthProvider>
        <TableCard
          table={{
            id: 3,
            number: 3,
            sessionId: 8,
            totalAmount: 19_000,
            orderCount: 1,
            orders: [order],
            arrived: {},
            calls: [],
            pendingCount: 1,
            preparingCount: 0,
            oldestPendingAt: order.createdAt,
          }}
          actions={actions}
        />
      </AuthProvider>,
      { wrapper },
    );
    const card = screen.getByRole('article', { name: '테이블 3' });
    const row = within(card).getByRole('button', { name: /주문 #0041/ });
    expect(row.textContent).toContain('떡볶이(아주 매운맛, 치즈) ×2, 콜라 ×1');
    expect(within(row).getByText('(아주 매운맛, 치즈)').className).toBe('order-row__options');
  });
});
