import type { Admin, AdminRole } from '@table-order/contracts';
import { ADMIN_PASSWORD_MAX, ADMIN_PASSWORD_MIN, USERNAME_RE } from '@table-order/contracts/constants';
import { useState, type SubmitEvent } from 'react';
import { useSession } from '../auth';
import { ApiError, errorMessage } from '../shared/api';
import { useI18n, type Translate } from '../shared/i18n';
import { ConfirmDialog, Field, useToast } from '../shared/ui';
import { useCreateAccount } from './api/create-account';
import { useDeleteAccount } from './api/delete-account';
import { useAccounts } from './api/list-accounts';
import { useUpdateAccount } from './api/update-account';

const validPassword = (p: string) => p.length >= ADMIN_PASSWORD_MIN && p.length <= ADMIN_PASSWORD_MAX;

/** The 409 of demoting or deleting the store's only owner, in words; null for anything else. */
function lastOwnerError(err: unknown, t: Translate): string | null {
  return err instanceof ApiError && err.code === 'last_owner' ? t('accounts.lastOwner') : null;
}

/**
 * Accounts (owners only): add one with a role, reset a password, change a role, delete (asked first).
 * Each change signs the account out of every device; the API refuses to leave the store without an owner.
 */
export function AccountsPage() {
  const { t } = useI18n();
  const { admin: me } = useSession();
  const notify = useToast();
  const query = useAccounts();
  const update = useUpdateAccount();
  const remove = useDeleteAccount();
  const [resetting, setResetting] = useState<number | null>(null);
  const [changingRole, setChangingRole] = useState<Admin | null>(null);
  const [deleting, setDeleting] = useState<Admin | null>(null);
  const accounts = query.data?.items ?? [];
  const roleName = (role: AdminRole) => t(`role.${role}`);
  const otherRole = (role: AdminRole): AdminRole => (role === 'owner' ? 'staff' : 'owner');

  return (
    <div className="page accounts">
      <h1 className="page__title">{t('accounts.title')}</h1>
      <p className="muted accounts__intro">{t('accounts.intro')}</p>
      <CreateAccountForm
        onCreated={(a) => {
          notify(t('accounts.created', { name: a.username }));
        }}
      />
      {query.isPending && <div className="skeleton skeleton--rows" aria-hidden="true" />}
      {query.error && (
        <p className="notice notice--error" role="alert">
          {errorMessage(query.error, t)}
        </p>
      )}
      {accounts.length > 0 && (
        <table className="data-table" aria-label={t('accounts.list')}>
          <thead>
            <tr>
              <th scope="col">{t('accounts.username')}</th>
              <th scope="col">{t('accounts.role')}</th>
              <th scope="col">{t('accounts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) =>
              resetting === a.id ? (
                <ResetPasswordRow
                  key={a.id}
                  account={a}
                  onDone={(saved) => {
                    setResetting(null);
                    if (saved) notify(t('accounts.passwordReset', { name: a.username }));
                  }}
                />
              ) : (
                <tr key={a.id}>
                  <th scope="row" className="data-table__key">
                    {a.username}
                    {a.id === me.id && <span className="muted"> ({t('accounts.you')})</span>}
                  </th>
                  <td>
                    <span className={a.role === 'owner' ? 'chip chip--owner' : 'chip'}>
                      {roleName(a.role)}
                    </span>
                  </td>
                  <td>
                    <div className="data-table__actions">
                      <button
                        type="button"
                        className="btn"
                        aria-label={t('accounts.resetPasswordLabel', { name: a.username })}
                        onClick={() => {
                          setResetting(a.id);
                        }}
                      >
                        {t('accounts.resetPassword')}
                      </button>
                      <button
                        type="button"
                        className="btn"
                        aria-label={`${t('accounts.roleLabel', { name: a.username })}: ${
                          a.role === 'owner' ? t('accounts.makeStaff') : t('accounts.makeOwner')
                        }`}
                        onClick={() => {
                          setChangingRole(a);
                        }}
                      >
                        {a.role === 'owner' ? t('accounts.makeStaff') : t('accounts.makeOwner')}
                      </button>
                      <button
                        type="button"
                        className="btn btn--quiet-danger"
                        aria-label={t('accounts.deleteLabel', { name: a.username })}
                        onClick={() => {
                          setDeleting(a);
                        }}
                      >
                        {t('accounts.delete')}
                      </button>
                    </div>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {changingRole && (
        <ConfirmDialog
          title={t('accounts.roleTitle')}
          message={t('accounts.roleConfirm', {
            name: changingRole.username,
            role: roleName(otherRole(changingRole.role)),
          })}
          detail={changingRole.id === me.id ? t('accounts.selfDetail') : t('accounts.roleDetail')}
          confirmLabel={changingRole.role === 'owner' ? t('accounts.makeStaff') : t('accounts.makeOwner')}
          onConfirm={async () => {
            const saved = await update.mutateAsync({
              id: changingRole.id,
              body: { role: otherRole(changingRole.role) },
            });
            notify(t('accounts.roleChanged', { name: saved.username, role: roleName(saved.role) }));
          }}
          describeError={(err) => lastOwnerError(err, t)}
          onClose={() => {
            setChangingRole(null);
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('accounts.deleteTitle')}
          message={t('accounts.deleteConfirm', { name: deleting.username })}
          detail={deleting.id === me.id ? t('accounts.selfDetail') : t('accounts.deleteDetail')}
          confirmLabel={t('common.delete')}
          danger
          onConfirm={async () => {
            await remove.mutateAsync(deleting.id);
            notify(t('accounts.deleted', { name: deleting.username }));
          }}
          describeError={(err) => lastOwnerError(err, t)}
          onClose={() => {
            setDeleting(null);
          }}
        />
      )}
    </div>
  );
}

interface CreateErrors {
  username?: string | undefined;
  password?: string | undefined;
  form?: string | undefined;
}

function CreateAccountForm({ onCreated }: { onCreated: (a: Admin) => void }) {
  const { t } = useI18n();
  const create = useCreateAccount();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<AdminRole>('staff');
  const [errors, setErrors] = useState<CreateErrors>({});

  async function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const next: CreateErrors = {};
    if (!USERNAME_RE.test(username)) next.username = t('accounts.usernameInvalid');
    if (!validPassword(password)) next.password = t('accounts.passwordInvalid');
    setErrors(next);
    if (next.username || next.password) return;
    try {
      const created = await create.mutateAsync({ username, password, role });
      setUsername('');
      setPassword('');
      setRole('staff');
      onCreated(created);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'username_taken')
        setErrors({ username: t('accounts.usernameTaken') });
      else setErrors({ form: errorMessage(err, t) });
    }
  }

  return (
    <form
      className="panel form-row"
      onSubmit={(e) => void handleSubmit(e)}
      noValidate
      aria-labelledby="add-account"
    >
      <h2 id="add-account" className="panel__title">
        {t('accounts.add')}
      </h2>
      <Field
        id="new-account-username"
        label={t('accounts.username')}
        hint={t('accounts.usernameHint')}
        error={errors.username}
      >
        {(c) => (
          <input
            {...c}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => {
              setUsername(e.target.value);
              setErrors((x) => ({ ...x, username: undefined }));
            }}
          />
        )}
      </Field>
      <Field
        id="new-account-password"
        label={t('accounts.password')}
        hint={t('accounts.passwordHint')}
        error={errors.password}
      >
        {(c) => (
          <input
            {...c}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              setErrors((x) => ({ ...x, password: undefined }));
            }}
          />
        )}
      </Field>
      <Field id="new-account-role" label={t('accounts.role')}>
        {(c) => (
          <select
            {...c}
            value={role}
            onChange={(e) => {
              setRole(e.target.value === 'owner' ? 'owner' : 'staff');
            }}
          >
            <option value="staff">{t('role.staff')}</option>
            <option value="owner">{t('role.owner')}</option>
          </select>
        )}
      </Field>
      <button type="submit" className="btn btn--primary btn--lg form-row__submit" disabled={create.isPending}>
        {t('accounts.create')}
      </button>
      {errors.form && (
        <p className="notice notice--error form-row__wide" role="alert">
          {errors.form}
        </p>
      )}
    </form>
  );
}

function ResetPasswordRow({ account, onDone }: { account: Admin; onDone: (saved: boolean) => void }) {
  const { t } = useI18n();
  const update = useUpdateAccount();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const formId = `reset-account-${account.id}`;

  async function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!validPassword(password)) {
      setError(t('accounts.passwordInvalid'));
      return;
    }
    try {
      await update.mutateAsync({ id: account.id, body: { password } });
      onDone(true);
    } catch (err) {
      setError(errorMessage(err, t));
    }
  }

  return (
    <tr className="data-table__editing">
      <td colSpan={3}>
        <form
          id={formId}
          className="form-row"
          onSubmit={(e) => void handleSubmit(e)}
          noValidate
          aria-label={t('accounts.resetPasswordLabel', { name: account.username })}
        >
          <Field
            id={`${formId}-password`}
            label={t('accounts.newPassword')}
            hint={t('accounts.passwordHint')}
            error={error}
          >
            {(c) => (
              <input
                {...c}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => {
                  setPassword(e.target.value);
                  setError(null);
                }}
              />
            )}
          </Field>
          <div className="form-row__buttons">
            <button type="submit" className="btn btn--primary btn--lg" disabled={update.isPending}>
              {t('accounts.save')}
            </button>
            <button
              type="button"
              className="btn btn--lg"
              onClick={() => {
                onDone(false);
              }}
            >
              {t('accounts.cancel')}
            </button>
          </div>
        </form>
      </td>
    </tr>
  );
}
