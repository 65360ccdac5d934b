import type { TableListItem } from '@table-order/contracts';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, queryWrapper } from '../shared/api/testing';
import { ToastProvider } from '../shared/ui';
import { TablesPage } from './TablesPage';

vi.mock('../auth', () => ({
  useSession: () => ({ store: { identifier: 'demo', name: '데모 식당', timeZone: 'Asia/Seoul' } }),
}));
vi.mock('../board', () => ({ useLiveBoard: () => ({ refresh: () => Promise.resolve() }) }));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const row = (number: number, lockedUntil: string | null): TableListItem => ({
  id: number,
  number,
  sessionId: null,
  locked: lockedUntil !== null,
  lockedUntil,
});

function renderPage() {
  const { wrapper: Query } = queryWrapper();
  render(
    <Query>
      <ToastProvider>
        <TablesPage />
      </ToastProvider>
    </Query>,
  );
}

const rowOf = async (number: number) =>
  (await screen.findByRole('rowheader', { name: `테이블 ${number}` })).closest('tr')!;

describe('tables page: login locks and devices', () => {
  it('marks a locked table with "잠금" (until when, store time) and lifts the lock with "잠금 해제"', async () => {
    const api = fakeApi();
    // 06:45Z is 15:45 in Seoul.
    api.answer(200, { items: [row(1, '2026-03-10T06:45:00.000Z'), row(2, null)] });
    api.answer(204);
    api.answer(200, { items: [row(1, null), row(2, null)] });
    renderPage();

    const locked = within(await rowOf(1));
    expect(locked.getByText('잠금').getAttribute('title')).toBe('비밀번호 5회 오류로 15:45까지 로그인 잠김');
    const free = within(await rowOf(2));
    expect(free.queryByText('잠금')).toBeNull();
    expect(free.queryByRole('button', { name: '테이블 2 잠금 해제' })).toBeNull();

    fireEvent.click(locked.getByRole('button', { name: '테이블 1 잠금 해제' }));
    await screen.findByText('테이블 1 잠금 해제 완료.');
    await waitFor(() => {
      expect(
        within(screen.getByRole('rowheader', { name: '테이블 1' }).closest('tr')!).queryByText('잠금'),
      ).toBeNull();
    });
    expect(api.sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /admin/tables',
      'DELETE /admin/tables/1/lock',
      'GET /admin/tables',
    ]);
  });

  it('"기기 초기화" asks first, then signs the table’s tablets out', async () => {
    const api = fakeApi();
    api.answer(200, { items: [row(1, null), row(7, null)] });
    api.answer(204);
    renderPage();

    fireEvent.click(within(await rowOf(7)).getByRole('button', { name: '테이블 7 기기 초기화' }));
    const dialog = await screen.findByRole('alertdialog');
    within(dialog).getByText('테이블 7의 태블릿을 모두 로그아웃할까요?');
    expect(api.sent).toHaveLength(1);
    fireEvent.click(within(dialog).getByRole('button', { name: '기기 초기화' }));
    await screen.findByText('테이블 7 기기 초기화 완료.');
    expect(api.sent.at(-1)).toMatchObject({ method: 'DELETE', path: '/admin/tables/7/devices' });
  });
});
