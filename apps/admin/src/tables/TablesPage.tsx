import type { Table, TableListItem } from '@table-order/contracts';
import { useState, type SubmitEvent } from 'react';
import { useSession } from '../auth';
import { ApiError, errorMessage } from '../shared/api';
import { formatTime } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { ConfirmDialog, Field, useToast } from '../shared/ui';
import { useCreateTable } from './api/create-table';
import { useDeleteTable } from './api/delete-table';
import { useTables } from './api/list-tables';
import { useResetTableDevices } from './api/reset-table-devices';
import { useUnlockTable } from './api/unlock-table';
import { useUpdateTable } from './api/update-table';
import { parseTableNumber, tableFieldErrors, validTablePassword, type TableFieldErrors } from './table-form';

/**
 * Tables: add one, change a number or password, delete (explains why an occupied table cannot go),
 * lift a login lock ("잠금" badge, "잠금 해제") and sign its tablets out ("기기 초기화").
 */
export function TablesPage() {
  const { t } = useI18n();
  const { store } = useSession();
  const notify = useToast();
  const query = useTables();
  const deleteTable = useDeleteTable();
  const unlockTable = useUnlockTable();
  const resetDevices = useResetTableDevices();
  const [editing, setEditing] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Table | null>(null);
  const [resetting, setResetting] = useState<TableListItem | null>(null);
  const tables = [...(query.data?.items ?? [])].sort((a, b) => a.number - b.number);

  return (
    <div className="page">
      <h1 className="page__title">{t('tables.title')}</h1>
      <CreateTableForm
        onCreated={(table) => {
          notify(t('tables.created', { n: table.number }));
        }}
      />
      {query.isPending && <div className="skeleton skeleton--rows" aria-hidden="true" />}
      {query.error && (
        <p className="notice notice--error" role="alert">
          {errorMessage(query.error, t)}
        </p>
      )}
      {query.isSuccess && tables.length === 0 && <p className="empty">{t('tables.empty')}</p>}
      {tables.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('tables.number')}</th>
              <th scope="col">{t('tables.status')}</th>
              <th scope="col">{t('tables.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {tables.map((table) =>
              editing === table.id ? (
                <EditTableRow
                  key={table.id}
                  table={table}
                  onDone={(saved) => {
                    setEditing(null);
                    if (saved) notify(t('tables.updated', { n: saved.number }));
                  }}
                />
              ) : (
                <tr key={table.id}>
                  <th scope="row" className="data-table__key">
                    {t('table.name', { n: table.number })}
                  </th>
                  <td>
                    <span className={table.sessionId === null ? 'chip' : 'chip chip--preparing'}>
                      {table.sessionId === null ? t('tables.free') : t('tables.inUse')}
                    </span>
                    {table.locked && (
                      <span
                        className="chip chip--locked"
                        title={
                          table.lockedUntil
                            ? t('tables.lockedUntil', { time: formatTime(table.lockedUntil, store.timeZone) })
                            : undefined
                        }
                      >
                        {t('tables.locked')}
                      </span>
                    )}
                  </td>
                  <td>
                    <div className="data-table__actions">
                      <button
                        type="button"
                        className="btn"
                        aria-label={t('tables.editLabel', { n: table.number })}
                        onClick={() => {
                          setEditing(table.id);
                        }}
                      >
                        {t('tables.edit')}
                      </button>
                      {table.locked && (
                        <button
                          type="button"
                          className="btn"
                          aria-label={t('tables.unlockLabel', { n: table.number })}
                          disabled={unlockTable.isPending}
                          onClick={() => {
                            unlockTable.mutate(table.id, {
                              onSuccess: () => {
                                notify(t('tables.unlocked', { n: table.number }));
                              },
                              onError: (err) => {
                                notify(errorMessage(err, t), 'error');
                              },
                            });
                          }}
                        >
                          {t('tables.unlock')}
                        </button>
                      )}
                      <button
                        type="button"
                        className="btn"
                        aria-label={t('tables.resetDevicesLabel', { n: table.number })}
                        onClick={() => {
                          setResetting(table);
                        }}
                      >
                        {t('tables.resetDevices')}
                      </button>
                      <button
                        type="button"
                        className="btn btn--quiet-danger"
                        aria-label={t('tables.deleteLabel', { n: table.number })}
                        onClick={() => {
                          setDeleting(table);
                        }}
                      >
                        {t('tables.delete')}
                      </button>
                    </div>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('tables.deleteTitle')}
          message={t('tables.deleteConfirm', { n: deleting.number })}
          detail={t('tables.deleteDetail')}
          confirmLabel={t('common.delete')}
          danger
          onConfirm={async () => {
            await deleteTable.mutateAsync(deleting.id);
            notify(t('tables.deleted', { n: deleting.number }));
          }}
          describeError={(err) =>
            err instanceof ApiError && err.code === 'table_has_open_session'
              ? t('tables.openSession', { n: deleting.number })
              : null
          }
          onClose={() => {
            setDeleting(null);
          }}
        />
      )}
      {resetting && (
        <ConfirmDialog
          title={t('tables.resetDevicesTitle')}
          message={t('tables.resetDevicesConfirm', { n: resetting.number })}
          detail={t('tables.resetDevicesDetail')}
          confirmLabel={t('tables.resetDevices')}
          danger
          onConfirm={async () => {
            await resetDevices.mutateAsync(resetting.id);
            notify(t('tables.devicesReset', { n: resetting.number }));
          }}
          onClose={() => {
            setResetting(null);
          }}
        />
      )}
    </div>
  );
}

/** The values and per-field errors of the number and password fields both table forms have. */
function useTableForm(initialNumber: string) {
  const [number, setNumber] = useState(initialNumber);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<TableFieldErrors>({});
  return { number, setNumber, password, setPassword, errors, setErrors };
}

/** The number and password fields; editing one clears its error. */
function TableFields({
  form,
  idPrefix,
  passwordLabel,
  passwordHint,
}: {
  form: ReturnType<typeof useTableForm>;
  idPrefix: string;
  passwordLabel: string;
  passwordHint: string;
}) {
  const { t } = useI18n();
  const { number, setNumber, password, setPassword, errors, setErrors } = form;
  return (
    <>
      <Field id={`${idPrefix}-number`} label={t('tables.number')} error={errors.number}>
        {(c) => (
          <input
            {...c}
            inputMode="numeric"
            autoComplete="off"
            value={number}
            onChange={(e) => {
              setNumber(e.target.value);
              setErrors((x) => ({ ...x, number: undefined }));
            }}
          />
        )}
      </Field>
      <Field id={`${idPrefix}-password`} label={passwordLabel} hint={passwordHint} error={errors.password}>
        {(c) => (
          <input
            {...c}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              setErrors((x) => ({ ...x, password: undefined }));
            }}
          />
        )}
      </Field>
    </>
  );
}

function CreateTableForm({ onCreated }: { onCreated: (table: Table) => void }) {
  const { t } = useI18n();
  const form = useTableForm('');
  const { number, setNumber, password, setPassword, errors, setErrors } = form;
  const createTable = useCreateTable();

  async function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const n = parseTableNumber(number, t);
    const next: TableFieldErrors = {};
    if (typeof n === 'string') next.number = n;
    if (!validTablePassword(password)) next.password = t('tables.passwordRange');
    setErrors(next);
    if (typeof n === 'string' || next.password) return;
    try {
      const table = await createTable.mutateAsync({ number: n, password });
      setNumber('');
      setPassword('');
      onCreated(table);
    } catch (err) {
      setErrors(tableFieldErrors(err, t, (x) => errorMessage(x, t)));
    }
  }

  return (
    <form
      className="panel form-row"
      onSubmit={(e) => void handleSubmit(e)}
      noValidate
      aria-labelledby="add-table"
    >
      <h2 id="add-table" className="panel__title">
        {t('tables.add')}
      </h2>
      <TableFields
        form={form}
        idPrefix="new-table"
        passwordLabel={t('tables.password')}
        passwordHint={t('tables.passwordHint')}
      />
      <button
        type="submit"
        className="btn btn--primary btn--lg form-row__submit"
        disabled={createTable.isPending}
      >
        {t('tables.create')}
      </button>
      {errors.form && (
        <p className="notice notice--error form-row__wide" role="alert">
          {errors.form}
        </p>
      )}
    </form>
  );
}

function EditTableRow({ table, onDone }: { table: Table; onDone: (saved: Table | null) => void }) {
  const { t } = useI18n();
  const form = useTableForm(String(table.number));
  const { number, password, errors, setErrors } = form;
  const updateTable = useUpdateTable();
  const formId = `edit-table-${table.id}`;

  async function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const n = parseTableNumber(number, t);
    const next: TableFieldErrors = {};
    if (typeof n === 'string') next.number = n;
    if (password !== '' && !validTablePassword(password)) next.password = t('tables.passwordRange');
    setErrors(next);
    if (typeof n === 'string' || next.password) return;
    const body = { ...(n !== table.number ? { number: n } : {}), ...(password ? { password } : {}) };
    if (Object.keys(body).length === 0) {
      setErrors({ form: t('tables.nothingChanged') });
      return;
    }
    try {
      onDone(await updateTable.mutateAsync({ id: table.id, body }));
    } catch (err) {
      setErrors(tableFieldErrors(err, t, (x) => errorMessage(x, t)));
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
          aria-label={t('tables.editLabel', { n: table.number })}
        >
          <TableFields
            form={form}
            idPrefix={formId}
            passwordLabel={t('tables.newPassword')}
            passwordHint={t('tables.newPasswordHint')}
          />
          <div className="form-row__buttons">
            <button type="submit" className="btn btn--primary btn--lg" disabled={updateTable.isPending}>
              {t('tables.save')}
            </button>
            <button
              type="button"
              className="btn btn--lg"
              onClick={() => {
                onDone(null);
              }}
            >
              {t('tables.cancel')}
            </button>
          </div>
          {errors.form && (
            <p className="notice notice--error form-row__wide" role="alert">
              {errors.form}
            </p>
          )}
        </form>
      </td>
    </tr>
  );
}
