import type { Admin } from '@table-order/contracts';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, queryWrapper } from '../shared/api/testing';
import { ToastProvider } from '../shared/ui';
import { AccountsPage } from './AccountsPage';

vi.mock('../auth', () => ({
  useSession: () => ({
    store: { identifier: 'demo', name: '데모 식당', timeZone: 'Asia/Seoul' },
    admin: { id: 1, username: 'boss', role: 'owner' },
  }),
}));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const boss: Admin = { id: 1, username: 'boss', role: 'owner' };
const kim: Admin = { id: 2, username: 'kim', role: 'staff' };

function renderPage() {
  const { wrapper: Query } = queryWrapper();
  render(
    <Query>
      <ToastProvider>
        <AccountsPage />
      </ToastProvider>
    </Query>,
  );
}

const rowOf = async (username: string) =>
  (await screen.findByRole('rowheader', { name: new RegExp(`^${username}`) })).closest('tr')!;

describe('accounts page', () => {
  it('lists accounts with their roles and marks the logged-in one', async () => {
    const api = fakeApi();
    api.answer(200, { items: [boss, kim] });
    renderPage();
    expect(within(await rowOf('boss')).getByText('사장님')).toBeTruthy();
    expect(within(await rowOf('boss')).getByText('(나)')).toBeTruthy();
    expect(within(await rowOf('kim')).getByText('직원')).toBeTruthy();
    expect(within(await rowOf('kim')).getByRole('button', { name: /^kim 역할 변경/ }).textContent).toBe(
      '사장님으로 변경',
    );
    expect(api.sent.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /admin/accounts']);
  });

  it('creates a staff account (checked before sending) and shows it at once', async () => {
    const api = fakeApi();
    api.answer(200, { items: [boss] });
    api.answer(409, { error: 'username_taken', message: 'taken' });
    api.answer(201, { id: 3, username: 'lee', role: 'staff' });
    renderPage();
    await rowOf('boss');

    fireEvent.change(screen.getByLabelText('아이디'), { target: { value: 'Lee!' } });
    fireEvent.change(screen.getByLabelText('비밀번호'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: '추가' }));
    await screen.findByText('아이디는 영문 소문자, 숫자, _ . - 로 2~30자입니다.');
    screen.getByText('비밀번호는 8~128자입니다.');
    expect(api.sent).toHaveLength(1);

    fireEvent.change(screen.getByLabelText('아이디'), { target: { value: 'boss' } });
    fireEvent.change(screen.getByLabelText('비밀번호'), { target: { value: 'lee-pass-12' } });
    fireEvent.click(screen.getByRole('button', { name: '추가' }));
    await screen.findByText('이미 있는 아이디입니다.');

    fireEvent.change(screen.getByLabelText('아이디'), { target: { value: 'lee' } });
    expect(screen.getByLabelText<HTMLSelectElement>('역할').value).toBe('staff');
    fireEvent.click(screen.getByRole('button', { name: '추가' }));
    await screen.findByText('lee 계정을 추가했습니다.');
    expect(within(await rowOf('lee')).getByText('직원')).toBeTruthy();
    expect(api.sent.at(-1)).toEqual({
      method: 'POST',
      path: '/admin/accounts',
      body: { username: 'lee', password: 'lee-pass-12', role: 'staff' },
    });
  });

  it('resets a password', async () => {
    const api = fakeApi();
    api.answer(200, { items: [boss, kim] });
    api.answer(200, kim);
    renderPage();
    fireEvent.click(within(await rowOf('kim')).getByRole('button', { name: 'kim 비밀번호 재설정' }));
    const form = screen.getByRole('form', { name: 'kim 비밀번호 재설정' });
    fireEvent.change(within(form).getByLabelText('새 비밀번호'), { target: { value: 'kim-new-pass' } });
    fireEvent.click(within(form).getByRole('button', { name: '저장' }));
    await screen.findByText(/kim 계정의 비밀번호를 바꿨습니다/);
    expect(api.sent.at(-1)).toEqual({
      method: 'PATCH',
      path: '/admin/accounts/2',
      body: { password: 'kim-new-pass' },
    });
  });

  it('changes a role after asking, and explains the last-owner refusal', async () => {
    const api = fakeApi();
    api.answer(200, { items: [boss, kim] });
    api.answer(200, { ...kim, role: 'owner' });
    api.answer(409, { error: 'last_owner', message: 'last owner' });
    renderPage();

    fireEvent.click(within(await rowOf('kim')).getByRole('button', { name: /^kim 역할 변경/ }));
    let dialog = await screen.findByRole('alertdialog');
    within(dialog).getByText('kim 계정을 사장님으로 바꿀까요?');
    expect(api.sent).toHaveLength(1);
    fireEvent.click(within(dialog).getByRole('button', { name: '사장님으로 변경' }));
    await screen.findByText('kim 계정이 사장님으로 바뀌었습니다.');
    await waitFor(() => {
      expect(screen.queryByRole('alertdialog')).toBeNull();
    });
    expect(api.sent.at(-1)).toEqual({ method: 'PATCH', path: '/admin/accounts/2', body: { role: 'owner' } });
    expect(within(await rowOf('kim')).getByText('사장님')).toBeTruthy();

    fireEvent.click(within(await rowOf('boss')).getByRole('button', { name: /^boss 역할 변경/ }));
    dialog = await screen.findByRole('alertdialog');
    within(dialog).getByText('내 계정입니다. 바꾸면 이 화면에서도 로그아웃됩니다.');
    fireEvent.click(within(dialog).getByRole('button', { name: '직원으로 변경' }));
    await within(dialog).findByText(/사장님 계정이 하나뿐이라/);
  });

  it('deletes an account after asking', async () => {
    const api = fakeApi();
    api.answer(200, { items: [boss, kim] });
    api.answer(204);
    renderPage();
    fireEvent.click(within(await rowOf('kim')).getByRole('button', { name: 'kim 계정 삭제' }));
    const dialog = await screen.findByRole('alertdialog');
    within(dialog).getByText('kim 계정을 삭제할까요?');
    expect(api.sent).toHaveLength(1);
    fireEvent.click(within(dialog).getByRole('button', { name: '삭제' }));
    await screen.findByText('kim 계정을 삭제했습니다.');
    await waitFor(() => {
      expect(screen.queryByRole('rowheader', { name: 'kim' })).toBeNull();
    });
    expect(api.sent.at(-1)).toMatchObject({ method: 'DELETE', path: '/admin/accounts/2' });
  });
});
