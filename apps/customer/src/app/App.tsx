import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { CartProvider } from '../cart';
import { OutboxProvider } from '../orders';
import { SetupScreen } from '../setup';
import { SessionContext } from '../shared/api/session-context';
import { TableSession } from '../shared/api/table-session';
import {
  loadDevice,
  loadSession,
  resetDevice,
  saveDevice,
  saveSession,
  type DeviceSettings,
} from '../shared/device';
import { useI18n } from '../shared/i18n/i18n';
import { TabletApp } from './TabletApp';

const noSubscribe = () => () => undefined;

/** Setup until the tablet knows its store and table; then the guest app, logging in silently as needed. */
export function App() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [device, setDevice] = useState<DeviceSettings | null>(loadDevice);
  const session = useMemo(
    () => (device ? new TableSession(device, loadSession(), { persist: saveSession, saveDevice }) : null),
    [device],
  );
  const rejected = useSyncExternalStore(
    session?.subscribe ?? noSubscribe,
    () => session?.credentialsRejected ?? null,
  );

  if (!device || !session || rejected) {
    return (
      <SetupScreen
        initial={device}
        {...(rejected ? { notice: t.setupInvalidated } : {})}
        onDone={(next) => {
          queryClient.clear();
          setDevice(next);
        }}
      />
    );
  }

  return (
    <SessionContext value={session}>
      <CartProvider
        key={`${device.storeIdentifier}:${device.tableNumber}`}
        storeIdentifier={device.storeIdentifier}
        tableNumber={device.tableNumber}
      >
        <OutboxProvider storeIdentifier={device.storeIdentifier} tableNumber={device.tableNumber}>
          <TabletApp
            onReset={() => {
              resetDevice();
              queryClient.clear();
              setDevice(null);
            }}
          />
        </OutboxProvider>
      </CartProvider>
    </SessionContext>
  );
}
