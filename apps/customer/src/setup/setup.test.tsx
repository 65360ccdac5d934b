import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../shared/api/errors';
import { I18nProvider } from '../shared/i18n/i18n';
import { SettingsDialog } from './SettingsDialog';
import { SetupScreen } from './SetupScreen';

const loginAnswer = {
  accessToken: 'token-1',
  tokenType: 'Bearer',
  expiresAt: '2999-01-01T00:00:00.000Z',
  store: { identifier: 'demo', name: '데모 식당', timeZone: 'Asia/Seoul' },
  table: { id: 3, number: 3 },
  deviceCredential: 'credential-from-the-api',
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('SetupScreen', () => {
  it('logs in with the password and keeps the device credential, not the password', async () => {
    const fetchFn = vi.fn(() => Promise.resolve(Response.json(loginAnswer)));
    vi.stubGlobal('fetch', fetchFn);
    const onDone = vi.fn();
    render(
      <I18nProvider>
        <SetupScreen initial={null} onDone={onDone} />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByLabelText('매장 코드'), { target: { value: 'demo' } });
    fireEvent.change(screen.getByLabelText('테이블 번호'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('테이블 비밀번호'), { target: { value: 'secret-pw' } });
    fireEvent.click(screen.getByRole('button', { name: '설정 완료' }));
    await vi.waitFor(() => {
      expect(onDone).toHaveBeenCalledWith({
        storeIdentifier: 'demo',
        tableNumber: 3,
        deviceCredential: 'credential-from-the-api',
      });
    });
    const everything = Object.keys(localStorage)
      .map((k) => localStorage.getItem(k))
      .join('\n');
    expect(everything).not.toContain('secret-pw');
    expect(JSON.parse(localStorage.getItem('table-order:device') ?? '')).toEqual({
      storeIdentifier: 'demo',
      tableNumber: 3,
      deviceCredential: 'credential-from-the-api',
    });
    expect(localStorage.getItem('table-order:session')).not.toContain('credential-from-the-api');
  });

  it('says how many tries remain from the third failure on', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          Response.json(
            { error: 'invalid_credentials', message: 'no', details: [{ remainingAttempts: 2 }] },
            { status: 401 },
          ),
        ),
      ),
    );
    render(
      <I18nProvider>
        <SetupScreen initial={{ storeIdentifier: 'demo', tableNumber: 3 }} onDone={() => undefined} />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByLabelText('테이블 비밀번호'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: '설정 완료' }));
    expect((await screen.findByRole('alert')).textContent).toContain('남은 시도 2회');
  });

  it('disables its button while the login is locked, and enables it when the lock ends', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          Response.json(
            { error: 'account_locked', message: 'locked' },
            { status: 423, headers: { 'retry-after': '1' } },
          ),
        ),
      ),
    );
    render(
      <I18nProvider>
        <SetupScreen initial={{ storeIdentifier: 'demo', tableNumber: 3 }} onDone={() => undefined} />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByLabelText('테이블 비밀번호'), { target: { value: 'wrong' } });
    const button = screen.getByRole('button', { name: '설정 완료' });
    fireEvent.click(button);
    await screen.findByRole('alert');
    expect(button.hasAttribute('disabled')).toBe(true);
    await waitFor(
      () => {
        expect(button.hasAttribute('disabled')).toBe(false);
      },
      { timeout: 2500 },
    );
  });
});

describe('SettingsDialog', () => {
  const device = { storeIdentifier: 'demo', tableNumber: 3, deviceCredential: 'c' };
  const open = (verify: (password: string) => Promise<void>) =>
    render(
      <I18nProvider>
        <SettingsDialog
          device={device}
          storeName="데모 식당"
          onClose={() => undefined}
          onReset={() => undefined}
          verify={verify}
        />
      </I18nProvider>,
    );
  const submit = (password: string) => {
    fireEvent.change(screen.getByLabelText('테이블 비밀번호'), { target: { value: password } });
    fireEvent.click(screen.getByRole('button', { name: '확인' }));
  };

  it('unlocks once the API accepts the table password', async () => {
    const verify = vi.fn(() => Promise.resolve());
    open(verify);
    submit('1234');
    await screen.findByRole('button', { name: '기기 초기화' });
    expect(verify).toHaveBeenCalledWith('1234');
  });

  it('stays locked on a wrong password, saying how many tries remain, and when the login is locked', async () => {
    const verify = vi
      .fn<(password: string) => Promise<void>>()
      .mockRejectedValueOnce(new ApiError(401, 'invalid_credentials', 'no'))
      .mockRejectedValueOnce(new ApiError(401, 'invalid_credentials', 'no', [{ remainingAttempts: 1 }]))
      .mockRejectedValueOnce(new ApiError(423, 'account_locked', 'locked', [], 600));
    open(verify);
    submit('0000');
    expect((await screen.findByRole('alert')).textContent).toBe('비밀번호가 올바르지 않습니다.');
    submit('0001');
    await vi.waitFor(() => {
      expect(screen.getByRole('alert').textContent).toBe('비밀번호가 올바르지 않습니다. 남은 시도 1회');
    });
    submit('0002');
    await vi.waitFor(() => {
      expect(screen.getByRole('alert').textContent).toContain('10분 후에 다시 시도');
    });
    expect(screen.queryByRole('button', { name: '기기 초기화' })).toBeNull();
  });
});
