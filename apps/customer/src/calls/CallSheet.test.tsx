import type { Call, TableStoreSettings } from '@table-order/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SessionContext } from '../shared/api/session-context';
import { TableSession } from '../shared/api/table-session';
import { I18nProvider } from '../shared/i18n/i18n';
import { storeSettingsQueryKey } from '../shared/store-settings';
import { applyCallEvent } from './call-events';
import { CallSheet } from './CallSheet';
import { CallStatusNotice, StaffCallButton } from './StaffCallButton';

const SETTINGS: TableStoreSettings = {
  name: '데모 식당',
  timeZone: 'Asia/Seoul',
  callReasons: ['물', '물티슈', '앞접시'],
  requestChips: [],
  menuLanguages: ['ko'],
  idleTimeoutSeconds: 0,
};

const call = (id: number, body: { reasons: string[]; message?: string }): Call => ({
  id,
  tableId: 3,
  tableNumber: 3,
  reasons: body.reasons,
  message: body.message ?? null,
  status: 'open',
  createdAt: '2025-01-01T03:00:00.000Z',
  acknowledgedAt: null,
});

interface Sent {
  body: { reasons: string[]; message?: string };
  key: string | null;
}

/** A tablet with a fake server: `answer` decides each POST /table/calls. */
function setup(
  answer: (sent: Sent, n: number) => Response | Promise<Response> = (s, n) =>
    Response.json(call(n, s.body), { status: 201 }),
) {
  const posts: Sent[] = [];
  let settingsReads = 0;
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : input.toString();
    if (url.endsWith('/auth/table/login'))
      return Response.json({
        accessToken: 't',
        tokenType: 'Bearer',
        expiresAt: '2999-01-01T00:00:00.000Z',
        store: { identifier: 'demo', name: '데모 식당', timeZone: 'Asia/Seoul' },
        table: { id: 3, number: 3 },
      });
    if (url.endsWith('/table/store')) {
      settingsReads++;
      return Response.json(SETTINGS);
    }
    if (url.endsWith('/table/calls') && init?.method === 'POST') {
      const sent = {
        body: JSON.parse(init.body as string) as Sent['body'],
        key: new Headers(init.headers).get('idempotency-key'),
      };
      posts.push(sent);
      return answer(sent, posts.length);
    }
    if (url.endsWith('/table/calls')) return Response.json({ calls: [] });
    return new Response(null, { status: 404 });
  };
  const session = new TableSession({ storeIdentifier: 'demo', tableNumber: 3, password: '1234' }, null, {
    fetch: fetchFn,
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  let closed = 0;
  render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <SessionContext value={session}>
          <StaffCallButton onClick={() => undefined} />
          <CallStatusNotice hidden={false} />
          <CallSheet
            onClose={() => {
              closed++;
            }}
          />
        </SessionContext>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return { posts, queryClient, closed: () => closed, settingsReads: () => settingsReads };
}

const reason = (name: string) => screen.getByRole('button', { name, pressed: false });
/** Waits until the sheet shows the store's own reasons. */
const loaded = () =>
  waitFor(() => {
    expect(screen.getByRole('group', { name: '요청 항목' }).textContent).toBe('물물티슈앞접시');
  });
const send = () => screen.getByRole('button', { name: '호출하기' });

describe('CallSheet', () => {
  it('offers the store’s reasons (several at once) and a message; sends them with an Idempotency-Key', async () => {
    const { posts } = setup();
    await loaded();
    expect((send() as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(reason('물'));
    fireEvent.click(reason('앞접시'));
    fireEvent.click(reason('물티슈'));
    fireEvent.click(screen.getByRole('button', { name: '물티슈', pressed: true }));
    const message = screen.getByLabelText('메시지 (선택)');
    expect(message.getAttribute('maxlength')).toBe('100');
    fireEvent.change(message, { target: { value: '  아기 의자도요 ' } });
    expect(screen.getByText('10/100')).toBeTruthy();
    fireEvent.click(send());
    await screen.findByText('곧 자리로 찾아갈게요.');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ reasons: ['물', '앞접시'], message: '아기 의자도요' });
    expect(posts[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a double tap makes one call; a retry of the same call reuses its key', async () => {
    let fail = true;
    const { posts } = setup((s, n) => {
      if (fail) {
        fail = false;
        return new Response(null, { status: 502 });
      }
      return Response.json(call(n, s.body), { status: 201 });
    });
    await loaded();
    fireEvent.click(reason('물'));
    const button = send();
    fireEvent.click(button);
    fireEvent.click(button);
    await screen.findByRole('alert');
    expect(posts).toHaveLength(1);
    fireEvent.click(send());
    await screen.findByText('곧 자리로 찾아갈게요.');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.key).toBe(posts[0]!.key);
  });

  it('says "직원을 호출했어요", then "직원이 확인했어요" when staff acknowledge it live', async () => {
    const { queryClient } = setup();
    await loaded();
    fireEvent.click(reason('물'));
    fireEvent.click(send());
    await screen.findByText('곧 자리로 찾아갈게요.');
    const statuses = () => screen.getAllByRole('status').map((s) => s.textContent);
    expect(statuses().some((s) => s?.includes('직원을 호출했어요'))).toBe(true);
    expect(document.querySelector('.actions__call')?.getAttribute('data-status')).toBe('open');
    act(() => {
      applyCallEvent(queryClient, {
        type: 'call.acknowledged',
        payload: { callId: 1, tableId: 3, acknowledgedAt: '2025-01-01T03:01:00.000Z' },
      });
    });
    await screen.findByText('잠시만 기다려 주세요.');
    expect(statuses().some((s) => s?.includes('직원이 확인했어요'))).toBe(true);
    expect(statuses().some((s) => s?.includes('직원을 호출했어요'))).toBe(false);
  });

  it('explains a refused call: too many open calls, or reasons that changed', async () => {
    let status = 429;
    const { settingsReads } = setup(() =>
      Response.json(
        { error: status === 429 ? 'too_many_requests' : 'validation_failed', message: 'x' },
        { status },
      ),
    );
    await loaded();
    fireEvent.click(reason('물'));
    fireEvent.click(send());
    expect((await screen.findByRole('alert')).textContent).toBe(
      '이미 직원을 호출했어요. 잠시만 기다려 주세요.',
    );
    status = 422;
    fireEvent.click(send());
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toBe('호출 항목이 바뀌었어요. 다시 골라 주세요.');
    });
    // The settings are read again, so the sheet offers what the store offers now.
    await waitFor(() => {
      expect(settingsReads()).toBe(2);
    });
  });

  it('follows the store’s reasons as they change (store.changed)', async () => {
    const { queryClient } = setup();
    await loaded();
    fireEvent.click(reason('물'));
    act(() => {
      queryClient.setQueryData(storeSettingsQueryKey, { ...SETTINGS, callReasons: ['담요', '얼음'] });
    });
    await waitFor(() => {
      expect(screen.getByRole('group', { name: '요청 항목' }).textContent).toBe('담요얼음');
    });
    // The reason that went away is no longer chosen: nothing to send.
    expect((send() as HTMLButtonElement).disabled).toBe(true);
  });
});
