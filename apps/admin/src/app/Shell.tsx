import { NavLink, Outlet } from 'react-router';
import { useAuth, useSession } from '../auth';
import {
  ConnectionIndicator,
  SoundBlockedBanner,
  SoundToggle,
  pendingCount,
  useLiveBoard,
  useOrderAlerts,
} from '../board';
import { useI18n } from '../shared/i18n';
import { LanguageToggle } from '../shared/ui';

/** The signed-in frame: store, live indicator, navigation, sound, language, logout; pages below. */
export function Shell() {
  const { t } = useI18n();
  const { signOut } = useAuth();
  const { store, admin } = useSession();
  const { board, status, newOrderCount } = useLiveBoard();
  const alerts = useOrderAlerts(pendingCount(board.tables), newOrderCount);

  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__store">{store.name}</span>
          <ConnectionIndicator status={status} />
        </div>
        <nav className="topbar__nav" aria-label={t('nav.main')}>
          <NavLink to="/" end className="navlink">
            {t('nav.board')}
          </NavLink>
          <NavLink to="/menu" className="navlink">
            {t('nav.menu')}
          </NavLink>
          <NavLink to="/tables" className="navlink">
            {t('nav.tables')}
          </NavLink>
        </nav>
        <div className="topbar__tools">
          <SoundToggle enabled={alerts.enabled} onToggle={() => void alerts.toggle()} />
          <LanguageToggle />
          <span className="topbar__user" title={store.identifier}>
            {admin.username}
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
