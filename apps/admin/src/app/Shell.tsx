import { NavLink, Outlet } from 'react-router';
import { useAuth, useRole, useSession } from '../auth';
import {
  ConnectionIndicator,
  SoundBlockedBanner,
  SoundToggle,
  openCalls,
  pendingCount,
  useAlerts,
  useLiveBoard,
} from '../board';
import { useStoreSettings } from '../settings';
import { useI18n } from '../shared/i18n';
import { LanguageToggle } from '../shared/ui';

/**
 * The signed-in frame: store, live indicator, navigation (owners also get sales, tables, settings and accounts),
 * sound, language, who is logged in with their role, logout; pages below.
 */
export function Shell() {
  const { t } = useI18n();
  const { signOut } = useAuth();
  const { store, admin } = useSession();
  const role = useRole();
  const roleName = t(`role.${role}`);
  const { board, status, newOrderCount, newCallCount } = useLiveBoard();
  const callsWaiting = openCalls(board.tables).length;
  const alerts = useAlerts({
    pendingOrders: pendingCount(board.tables),
    newOrderCount,
    openCalls: callsWaiting,
    newCallCount,
  });
  // The name as saved in the settings (kept current by store.changed); the login's until it loads.
  const storeName = useStoreSettings().data?.name ?? store.name;

  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__store">{storeName}</span>
          <ConnectionIndicator status={status} />
        </div>
        <nav className="topbar__nav" aria-label={t('nav.main')}>
          <NavLink to="/" end className="navlink">
            {t('nav.board')}
          </NavLink>
          <NavLink to="/menu" className="navlink">
            {t('nav.menu')}
          </NavLink>
          <NavLink to="/kitchen" className="navlink">
            {t('nav.kitchen')}
          </NavLink>
          {role === 'owner' && (
            <>
              <NavLink to="/sales" className="navlink">
                {t('nav.sales')}
              </NavLink>
              <NavLink to="/tables" className="navlink">
                {t('nav.tables')}
              </NavLink>
              <NavLink to="/settings" className="navlink">
                {t('nav.settings')}
              </NavLink>
              <NavLink to="/printers" className="navlink">
                {t('nav.printers')}
              </NavLink>
              <NavLink to="/accounts" className="navlink">
                {t('nav.accounts')}
              </NavLink>
            </>
          )}
        </nav>
        <div className="topbar__tools">
          <SoundToggle
            enabled={alerts.enabled}
            ringing={alerts.ringing}
            callsWaiting={callsWaiting}
            onToggle={() => void alerts.toggle()}
          />
          <LanguageToggle />
          <span
            className="topbar__user"
            title={store.identifier}
            aria-label={t('nav.userLabel', { name: admin.username, role: roleName })}
          >
            {t('nav.user', { name: admin.username, role: roleName })}
          </span>
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => {
              signOut('user');
            }}
          >
            {t('nav.logout')}
          </button>
        </div>
      </header>
      {alerts.blocked && <SoundBlockedBanner onUnblock={() => void alerts.unblock()} />}
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
