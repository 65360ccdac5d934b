import { createHashRouter, RouterProvider } from 'react-router';
import { LoginPage, useAuth } from '../auth';
import { BoardPage, LiveBoardProvider } from '../board';
import { MenuEditorPage } from '../menu-editor';
import { TableHistoryPage, TablesPage } from '../tables';
import { Shell } from './Shell';

// Hash routes work from /admin/ without a server-side fallback for deep links.
const router = createHashRouter([
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <BoardPage /> },
      { path: 'tables', element: <TablesPage /> },
      { path: 'history/:tableId', element: <TableHistoryPage /> },
      { path: 'menu', element: <MenuEditorPage /> },
      { path: '*', element: <BoardPage /> },
    ],
  },
]);

/** Login until there is a session; then the live app (one event stream for every page). */
export function App() {
  const { session } = useAuth();
  if (!session) return <LoginPage />;
  return (
    <LiveBoardProvider key={session.accessToken}>
      <RouterProvider router={router} />
    </LiveBoardProvider>
  );
}
