import type { Order } from '@table-order/contracts';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../shared/i18n/i18n';
import { OrderSuccess } from './OrderSuccess';

const order: Order = {
  id: 7,
  orderNumber: '20260310-0007',
  tableId: 3,
  tableNumber: 3,
  sessionId: 1,
  status: 'pending',
  note: '',
  totalAmount: 20_000,
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
    // As an earlier release sent lines: no options field.
    { menuItemId: 3, name: '공기밥', unitPrice: 1000, quantity: 1, subtotal: 1000 },
  ],
};

describe('OrderSuccess', () => {
  it('shows the order number and each line with its options', () => {
    render(
      <I18nProvider>
        <OrderSuccess order={order} onDone={vi.fn()} />
      </I18nProvider>,
    );
    const dialog = screen.getByRole('dialog', { name: '주문이 접수되었습니다' });
    expect(within(dialog).getByText('20260310-0007')).toBeTruthy();
    const lines = within(within(dialog).getByRole('list', { name: '주문한 메뉴' })).getAllByRole('listitem');
    expect(lines.map((l) => l.textContent)).toEqual([
      '떡볶이 × 2아주 매운맛 (+500원), 치즈 (+2,000원)',
      '콜라 × 1',
      '공기밥 × 1',
    ]);
  });
});
