import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../shared/api/testing';
import { LoginPage } from './LoginPage';

const ended: { reason: 'user' | 'expired' | 'revoked' | null } = vi.hoisted(() => ({ reason: null }));
vi.mock('./auth-context', () => ({ useAuth: () => ({ signIn: vi.fn(), endedBecause: ended.reason }) }));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  ended.reason = null;
});

const invalid = (details?: unknown[]) => ({
  error: 'invalid_credentials',
  message: 'The login details are not correct.',
  ...(details ? { details } : {}),
});

function attempt() {
  fireEvent.change(screen.getByLabelText('매장 ID'), { target: { value: 'demo' } });
  fireEvent.change(screen.getByLabelText('아이디'), { target: { value: 'admin' } });
  fireEvent.change(screen.getByLabelText('비밀번호'), { target: { value: 'wrong-pass' } });
  fireEvent.click(screen.getByRole('button', { name: '로그인' }));
}

describe('admin login', () => {
  it('says how many tries remain once the API tells (from the third failure on)', async () => {
    const api = fakeApi();
    api.answer(401, invalid());
    api.answer(401, invalid([{ remainingAttempts: 2 }]));
    api.answer(401, invalid([{ remainingAttempts: 0 }]));
    render(<LoginPage />);

    attempt();
    expect((await screen.findByRole('alert')).textContent).toBe(
      '로그인 정보가 올바르지 않습니다. 매장 ID, 아이디, 비밀번호를 확인하세요.',
    );
    attempt();
    expect((await screen.findByText(/남은 시도 2회/)).textContent).toBe(
      '로그인 정보가 올바르지 않습니다. 매장 ID, 아이디, 비밀번호를 확인하세요. 남은 시도 2회',
    );
    attempt();
    await screen.findByText(/시도 횟수를 모두 써서 계정이 잠겼습니다/);
  });

  it('says why the session ended: expired, or revoked by an account change', () => {
    ended.reason = 'revoked';
    const { unmount } = render(<LoginPage />);
    screen.getByText(/계정의 비밀번호나 역할이 바뀌었거나 계정이 삭제되어 로그아웃되었습니다/);
    unmount();
    ended.reason = 'expired';
    render(<LoginPage />);
    screen.getByText('로그인 시간이 만료되었습니다. 다시 로그인하세요.');
  });
});
