import type { StoreSettings } from '@table-order/contracts';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, queryWrapper } from '../shared/api/testing';
import { settingsKeys } from './api/query-keys';
import { SettingsPage } from './SettingsPage';

const saved: StoreSettings = {
  identifier: 'demo',
  name: '데모 식당',
  timeZone: 'Asia/Seoul',
  callReasons: ['물', '물티슈', '앞접시'],
  requestChips: ['덜 맵게'],
  menuLanguages: ['ko'],
  idleTimeoutSeconds: 0,
  kitchenAmberMinutes: 10,
  kitchenRedMinutes: 20,
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function renderPage() {
  const api = fakeApi();
  api.answer(200, saved);
  const { wrapper: Wrapper, queryClient } = queryWrapper();
  render(
    <Wrapper>
      <SettingsPage />
    </Wrapper>,
  );
  await screen.findByDisplayValue('데모 식당');
  const save = () =>
    act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '저장' }));
      await Promise.resolve();
    });
  return { api, queryClient, save };
}

const reasons = () => screen.getByRole('group', { name: '직원 호출 항목' });

describe('store settings page', () => {
  it('shows the saved settings and sends only what changed', async () => {
    const { api, save } = await renderPage();
    expect(screen.getByLabelText('시간대')).toHaveProperty('value', 'Asia/Seoul');
    expect(
      within(reasons())
        .getAllByRole('textbox')
        .map((i) => (i as HTMLInputElement).value),
    ).toEqual(['물', '물티슈', '앞접시']);
    expect(screen.getByRole('checkbox', { name: '한국어 (기본)' })).toHaveProperty('disabled', true);

    fireEvent.change(screen.getByLabelText('매장 이름'), { target: { value: '  한옥 식당 ' } });
    fireEvent.click(within(reasons()).getByRole('button', { name: '직원 호출 항목 추가' }));
    fireEvent.change(within(reasons()).getByLabelText('직원 호출 항목 4'), { target: { value: '담요' } });
    fireEvent.click(within(reasons()).getByRole('button', { name: '물티슈 빼기' }));
    fireEvent.click(within(reasons()).getByRole('button', { name: '담요 위로' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'English' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '손대지 않으면 메뉴 화면으로 돌아가기' }));
    fireEvent.change(screen.getByLabelText('돌아가기까지 (초)'), { target: { value: '90' } });
    api.answer(200, { ...saved, name: '한옥 식당' });
    await save();
    await waitFor(() => {
      expect(api.sent.at(-1)).toEqual({
        method: 'PATCH',
        path: '/admin/store',
        body: {
          name: '한옥 식당',
          callReasons: ['물', '담요', '앞접시'],
          menuLanguages: ['ko', 'en'],
          idleTimeoutSeconds: 90,
        },
      });
    });
  });

  it('explains bad values next to their fields before sending anything', async () => {
    const { api, save } = await renderPage();
    fireEvent.change(screen.getByLabelText('매장 이름'), { target: { value: ' ' } });
    fireEvent.change(screen.getByLabelText('시간대'), { target: { value: 'Mars/Olympus' } });
    fireEvent.change(within(reasons()).getByLabelText('직원 호출 항목 2'), { target: { value: '물' } });
    fireEvent.click(screen.getByRole('checkbox', { name: '손대지 않으면 메뉴 화면으로 돌아가기' }));
    fireEvent.change(screen.getByLabelText('돌아가기까지 (초)'), { target: { value: '10' } });
    await save();
    expect(screen.getByText('매장 이름은 1~50자입니다.')).toBeTruthy();
    expect(screen.getByText('알 수 없는 시간대입니다. 목록에서 고르세요 (예: Asia/Seoul).')).toBeTruthy();
    expect(within(reasons()).getByText('같은 항목이 두 번 있습니다.')).toBeTruthy();
    expect(screen.getByText('30~3600 사이의 초를 입력하세요.')).toBeTruthy();
    expect(api.sent.filter((r) => r.method === 'PATCH')).toEqual([]);
    // Every reason removed is refused too.
    for (const name of ['물', '물', '앞접시'])
      fireEvent.click(within(reasons()).getAllByRole('button', { name: `${name} 빼기` })[0]!);
    await save();
    expect(within(reasons()).getByText('호출 항목이 하나 이상 있어야 합니다.')).toBeTruthy();
  });

  it('sets the kitchen timers: whole minutes, amber below red', async () => {
    const { api, save } = await renderPage();
    const amber = screen.getByLabelText('주황색 (분)');
    const red = screen.getByLabelText('빨간색 (분)');
    expect(amber).toHaveProperty('value', '10');
    expect(red).toHaveProperty('value', '20');
    fireEvent.change(amber, { target: { value: '25' } });
    await save();
    expect(screen.getByText('주황색 시간은 빨간색 시간보다 짧아야 합니다.')).toBeTruthy();
    fireEvent.change(amber, { target: { value: '0' } });
    await save();
    expect(screen.getByText('1~240분 사이의 정수를 입력하세요.')).toBeTruthy();
    expect(api.sent.filter((r) => r.method === 'PATCH')).toEqual([]);
    fireEvent.change(amber, { target: { value: '8' } });
    fireEvent.change(red, { target: { value: '15' } });
    api.answer(200, { ...saved, kitchenAmberMinutes: 8, kitchenRedMinutes: 15 });
    await save();
    await waitFor(() => {
      expect(api.sent.at(-1)).toEqual({
        method: 'PATCH',
        path: '/admin/store',
        body: { kitchenAmberMinutes: 8, kitchenRedMinutes: 15 },
      });
    });
  });

  it('shows the server’s 422 next to the field; nothing changed says so', async () => {
    const { api, save } = await renderPage();
    await save();
    expect(screen.getByRole('alert').textContent).toBe('바뀐 내용이 없습니다.');
    fireEvent.change(screen.getByLabelText('시간대'), { target: { value: 'Asia/Tokyo' } });
    api.answer(422, {
      error: 'validation_failed',
      message: 'Invalid body',
      details: [{ field: 'timeZone', message: 'not an IANA time zone (e.g. Asia/Seoul)' }],
    });
    await save();
    expect(await screen.findByText('not an IANA time zone (e.g. Asia/Seoul)')).toBeTruthy();
  });

  it('takes settings changed elsewhere while nothing is being edited', async () => {
    const { queryClient } = await renderPage();
    act(() => {
      queryClient.setQueryData(settingsKeys.store(), { ...saved, name: '다른 관리자가 바꾼 이름' });
    });
    expect(await screen.findByDisplayValue('다른 관리자가 바꾼 이름')).toBeTruthy();
    // While editing, the draft stays.
    fireEvent.change(screen.getByLabelText('매장 이름'), { target: { value: '내가 쓰는 중' } });
    act(() => {
      queryClient.setQueryData(settingsKeys.store(), { ...saved, name: '또 바뀐 이름' });
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.getByLabelText('매장 이름')).toHaveProperty('value', '내가 쓰는 중');
  });
});
