import type { QueryKey } from '@tanstack/react-query';
import { Suspense } from 'react';
import { createHashRouter, RouterProvider } from 'react-router';
import { AccountsPage } from '../accounts';
import { LoginPage, useAuth } from '../auth';
import { BoardPage, LiveBoardProvider, type LiveEvent } from '../board';
import { KitchenPage } from '../kitchen';
import { MenuEditorPage, menuKeys } from '../menu-editor';
import { PrintersPage, printerKeys } from '../printers';
import { SalesPage } from '../sales';
import { SettingsPage, settingsKeys } from '../settings';
import { TableHistoryPage, TablesPage, tableKeys } from '../tables';
import { OwnerOnly } from './OwnerOnly';
import { Shell } from './Shell';

// Hash routes work from /admin/ without a server-side fallback for deep links.
const router = createHashRouter([
  // The kitchen display is full screen: no dashboard frame (owners and staff alike).
  { path: '/kitchen', element: <KitchenPage /> },
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <BoardPage /> },
      {
        path: 'tables',
        element: (
          <OwnerOnly>
            <TablesPage />
          </OwnerOnly>
        ),
      },
      { path: 'history/:tableId', element: <TableHistoryPage /> },
      // Staff see the menu read-only with the sold-out switches.
      { path: 'menu', element: <MenuEditorPage /> },
      {
        path: 'settings',
        element: (
          <OwnerOnly>
            <SettingsPage />
          </OwnerOnly>
        ),
      },
      {
        path: 'printers',
        element: (
          <OwnerOnly>
            <PrintersPage />
          </OwnerOnly>
        ),
      },
      {
        // Lazy: the sales page and its chart library load only when opened (the board stays as light).
        path: 'sales',
        element: (
          <OwnerOnly>
            <Suspense fallback={<div className="page skeleton skeleton--panel" aria-hidden="true" />}>
              <SalesPage />
            </Suspense>
          </OwnerOnly>
        ),
      },
      {
        path: 'accounts',
        element: (
          <OwnerOnly>
            <AccountsPage />
          </OwnerOnly>
        ),
      },
      { path: '*', element: <BoardPage /> },
    ],
  },
]);

/**
 * What a live event makes stale outside the board: the edited menu, a checked-out table's history, the
 * store's settings, the printers' state.
 */
function staleKeys(event: LiveEvent): QueryKey[] {
  switch (event.type) {
    case 'menu.changed':
      return [menuKeys.all];
    case 'table.checked_out':
      return [tableKeys.history(event.payload.tableId)];
    case 'store.changed':
      return [settingsKeys.all];
    case 'printer.state':
      return [printerKeys.all];
    case 'table.moved':
    case 'table.merged':
      return [tableKeys.history(event.payload.fromTableId), tableKeys.history(event.payload.toTableId)];
    case 'order.amended':
    case 'order.created':
    case 'order.updated':
    case 'order.deleted':
    case 'call.created':
    case 'call.acknowledged':
      return [];
  }
}

/** Login until there is a session; then the live app (one event stream for every page). */
export function App() {
  const { session } = useAuth();
  if (!session) return <LoginPage />;
  return (
    <LiveBoardProvider key={session.accessToken} staleKeys={staleKeys}>
      <RouterProvider router={router} />
    </LiveBoardProvider>
  );
}
