import type { TableStoreSettings } from '@table-order/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { SessionContext } from '../shared/api/session-context';
import { TableSession } from '../shared/api/table-session';
import { I18nProvider } from '../shared/i18n/i18n';
import { storeSettingsQueryKey } from '../shared/store-settings';
import { RequestChips, appendChip } from './RequestChips';

const settings = (requestChips: string[]): TableStoreSettings => ({
  name: '데모 식당',
  timeZone: 'Asia/Seoul',
  callReasons: ['물'],
  requestChips,
  menuLanguages: ['ko'],
  idleTimeoutSeconds: 0,
});

function Note({ initial }: { initial: string }) {
  const [note, setNote] = useState(initial);
  return (
    <>
      <output aria-label="note">{note}</output>
      <RequestChips note={note} onChange={setNote} disabled={false} />
    </>
  );
}

function renderChips(chips: string[], initial = '') {
  const queryClient = new QueryClient();
  queryClient.setQueryData(storeSettingsQueryKey, settings(chips));
  const session = new TableSession({ storeIdentifier: 'demo', tableNumber: 3, password: '1234' }, null, {
    fetch: () => Promise.resolve(Response.json(settings(chips))),
  });
  render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <SessionContext value={session}>
          <Note initial={initial} />
        </SessionContext>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe('request chips', () => {
  it('append their text to the note, once each', () => {
    renderChips(['덜 맵게', '포장해 주세요'], '곱빼기');
    const note = () => screen.getByLabelText('note').textContent;
    fireEvent.click(screen.getByRole('button', { name: '+ 덜 맵게' }));
    expect(note()).toBe('곱빼기, 덜 맵게');
    fireEvent.click(screen.getByRole('button', { name: '+ 덜 맵게' }));
    expect(note()).toBe('곱빼기, 덜 맵게');
    fireEvent.click(screen.getByRole('button', { name: '+ 포장해 주세요' }));
    expect(note()).toBe('곱빼기, 덜 맵게, 포장해 주세요');
  });

  it('show nothing when the store has none', () => {
    renderChips([]);
    expect(screen.queryByRole('group', { name: '자주 하는 요청' })).toBeNull();
  });

  it('never make the note longer than an order allows', () => {
    expect(appendChip('', '덜 맵게')).toBe('덜 맵게');
    expect(appendChip('  ', '덜 맵게')).toBe('덜 맵게');
    expect(appendChip('맵게,덜 맵게', '덜 맵게')).toBe('맵게,덜 맵게');
    const long = 'x'.repeat(195);
    expect(appendChip(long, '덜 맵게')).toBe(long);
    expect(appendChip('x'.repeat(190), '덜 맵게')).toBe(`${'x'.repeat(190)}, 덜 맵게`);
  });
});
