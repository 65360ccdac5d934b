import { cleanup, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OwnerOnly } from './OwnerOnly';
import { Shell } from './Shell';

const who: { role: 'owner' | 'staff' } = vi.hoisted(() => ({ role: 'staff' }));
vi.mock('../auth', () => ({
  useAuth: () => ({ signOut: vi.fn() }),
  useSession: () => ({
    store: { identifier: 'demo', name: '데모 식당', timeZone: 'Asia/Seoul' },
    admin: { id: 2, username: 'kim', role: who.role },
  }),
  useRole: () => who.role,
  useIsOwner: () => who.role === 'owner',
}));
vi.mock('../board', () => ({
  ConnectionIndicator: () => null,
  SoundBlockedBanner: () => null,
  SoundToggle: () => null,
  openCalls: () => [],
  pendingCount: () => 0,
  useAlerts: () => ({ enabled: false, ringing: false, blocked: false, toggle: vi.fn(), unblock: vi.fn() }),
  useLiveBoard: () => ({ board: { tables: [] }, status: 'live', newOrderCount: 0, newCallCount: 0 }),
}));
vi.mock('../settings', () => ({ useStoreSettings: () => ({ data: undefined }) }));

afterEach(cleanup);

function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      {
        path: '/',
        element: <Shell />,
        children: [
          { index: true, element: <p>board</p> },
          {
            path: 'accounts',
            element: (
              <OwnerOnly>
                <p>accounts page</p>
              </OwnerOnly>
            ),
          },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  render(<RouterProvider router={router} />);
}

const navLinks = () => screen.getAllByRole('link').map((a) => a.textContent);

describe('the dashboard frame by role', () => {
  it('staff: board and menu only, and the header says who is logged in as staff', () => {
    who.role = 'staff';
    renderAt('/');
    expect(navLinks()).toEqual(['주문 현황', '메뉴 관리', '주방 화면']);
    expect(screen.getByLabelText('로그인: kim (직원)').textContent).toBe('kim · 직원');
  });

  it('owners: sales, tables, settings, printers and accounts too', () => {
    who.role = 'owner';
    renderAt('/');
    expect(navLinks()).toEqual([
      '주문 현황',
      '메뉴 관리',
      '주방 화면',
      '매출',
      '테이블 관리',
      '매장 설정',
      '프린터',
      '직원 계정',
    ]);
    expect(screen.getByLabelText('로그인: kim (사장님)').textContent).toBe('kim · 사장님');
  });

  it('staff opening an owner page by its address see why not, not the page', () => {
    who.role = 'staff';
    renderAt('/accounts');
    expect(screen.queryByText('accounts page')).toBeNull();
    screen.getByRole('heading', { name: '사장님 전용 화면' });
    screen.getByRole('link', { name: '주문 현황으로' });
    who.role = 'owner';
    cleanup();
    renderAt('/accounts');
    screen.getByText('accounts page');
  });
});
