import type { Printer, PrinterCreateBody, PrinterRole } from '@table-order/contracts';
import { PRINTER_DEFAULT_PORT, PRINTER_NAME_MAX } from '@table-order/contracts/constants';
import { useState, type SubmitEvent } from 'react';
import { ApiError, errorMessage } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { ConfirmDialog, Field, useToast } from '../shared/ui';
import { useCreatePrinter } from './api/create-printer';
import { useDeletePrinter } from './api/delete-printer';
import { usePrinters } from './api/list-printers';
import { useTestPrint } from './api/test-print';
import { useUpdatePrinter } from './api/update-printer';
import { useCategoryNames } from './use-category-names';
import { PrinterStateText } from './PrinterStatus';

/**
 * Ticket printers (owners): add one (name, address, port, kitchen or receipt, categories, paper width),
 * change, delete (asked first), print a test ticket; each row shows the printer's state.
 */
export function PrintersPage() {
  const { t } = useI18n();
  const notify = useToast();
  const query = usePrinters();
  const remove = useDeletePrinter();
  const testPrint = useTestPrint();
  const categories = useCategoryNames();
  const [editing, setEditing] = useState<Printer | null>(null);
  const [deleting, setDeleting] = useState<Printer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const printers = query.data?.items ?? [];

  async function handleTest(p: Printer) {
    setError(null);
    try {
      await testPrint.mutateAsync(p.id);
      notify(t('printers.testQueued', { name: p.name }));
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'no_printer'
          ? t('printers.enableFirst')
          : errorMessage(err, t),
      );
    }
  }

  return (
    <div className="page printers">
      <h1 className="page__title">{t('printers.title')}</h1>
      <p className="muted">{t('printers.intro')}</p>
      {editing ? (
        <PrinterForm
          key={editing.id}
          printer={editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) notify(t('printers.saved', { name: saved.name }));
          }}
        />
      ) : (
        <PrinterForm
          onDone={(saved) => {
            if (saved) notify(t('printers.created', { name: saved.name }));
          }}
        />
      )}
      {query.isPending && <div className="skeleton skeleton--rows" aria-hidden="true" />}
      {query.error && (
        <p className="notice notice--error" role="alert">
          {errorMessage(query.error, t)}
        </p>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {query.isSuccess && printers.length === 0 && <p className="empty">{t('printers.empty')}</p>}
      {printers.length > 0 && (
        <table className="data-table" aria-label={t('printers.list')}>
          <thead>
            <tr>
              <th scope="col">{t('printers.name')}</th>
              <th scope="col">{t('printers.address')}</th>
              <th scope="col">{t('printers.role')}</th>
              <th scope="col">{t('printers.categories')}</th>
              <th scope="col">{t('printers.state')}</th>
              <th scope="col">{t('printers.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {printers.map((p) => (
              <tr key={p.id}>
                <th scope="row" className="data-table__key">
                  {p.name}
                  {!p.enabled && <span className="chip"> {t('printers.disabled')}</span>}
                </th>
                <td>
                  {p.host}:{p.port} · {p.paperWidth}mm
                </td>
                <td>{t(`printers.role.${p.role}`)}</td>
                <td>
                  {p.role === 'receipt'
                    ? '—'
                    : p.categoryIds.length === 0
                      ? t('printers.allCategories')
                      : p.categoryIds.map((id) => categories.get(id) ?? `#${id}`).join(', ')}
                </td>
                <td>
                  <PrinterStateText printer={p} />
                  {p.state.lastError && <div className="muted printer-error">{p.state.lastError}</div>}
                </td>
                <td>
                  <div className="data-table__actions">
                    <button
                      type="button"
                      className="btn"
                      aria-label={t('printers.testLabel', { name: p.name })}
                      disabled={testPrint.isPending}
                      onClick={() => void handleTest(p)}
                    >
                      {t('printers.test')}
                    </button>
                    <button
                      type="button"
                      className="btn"
                      aria-label={t('printers.editLabel', { name: p.name })}
                      onClick={() => {
                        setEditing(p);
                      }}
                    >
                      {t('printers.edit')}
                    </button>
                    <button
                      type="button"
                      className="btn btn--quiet-danger"
                      aria-label={t('printers.deleteLabel', { name: p.name })}
                      onClick={() => {
                        setDeleting(p);
                      }}
                    >
                      {t('common.delete')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('printers.deleteTitle')}
          message={t('printers.deleteConfirm', { name: deleting.name })}
          detail={
            deleting.state.queued > 0 ? t('printers.deleteQueued', { n: deleting.state.queued }) : undefined
          }
          confirmLabel={t('common.delete')}
          danger
          onConfirm={async () => {
            await remove.mutateAsync(deleting.id);
            notify(t('printers.deleted', { name: deleting.name }));
          }}
          onClose={() => {
            setDeleting(null);
          }}
        />
      )}
    </div>
  );
}

interface FormErrors {
  name?: string | undefined;
  host?: string | undefined;
  port?: string | undefined;
  form?: string | undefined;
}

const HOST_RE = /^[A-Za-z0-9.:-]{1,253}$/;

/** Adds a printer, or changes `printer`; `onDone(undefined)` when an edit is cancelled. */
function PrinterForm({
  printer,
  onDone,
}: {
  printer?: Printer;
  onDone: (saved: Printer | undefined) => void;
}) {
  const { t } = useI18n();
  const create = useCreatePrinter();
  const update = useUpdatePrinter();
  const categories = useCategoryNames();
  const [name, setName] = useState(printer?.name ?? '');
  const [host, setHost] = useState(printer?.host ?? '');
  const [port, setPort] = useState(String(printer?.port ?? PRINTER_DEFAULT_PORT));
  const [role, setRole] = useState<PrinterRole>(printer?.role ?? 'kitchen');
  const [paperWidth, setPaperWidth] = useState<58 | 80>(printer?.paperWidth ?? 80);
  const [categoryIds, setCategoryIds] = useState<number[]>(printer?.categoryIds ?? []);
  const [enabled, setEnabled] = useState(printer?.enabled ?? true);
  const [errors, setErrors] = useState<FormErrors>({});
  const busy = create.isPending || update.isPending;
  const prefix = printer ? `printer-${printer.id}` : 'new-printer';

  function reset() {
    setName('');
    setHost('');
    setPort(String(PRINTER_DEFAULT_PORT));
    setRole('kitchen');
    setPaperWidth(80);
    setCategoryIds([]);
    setEnabled(true);
  }

  async function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const next: FormErrors = {};
    const portNumber = Number(port);
    if (name.trim() === '' || name.trim().length > PRINTER_NAME_MAX) next.name = t('printers.nameInvalid');
    if (!HOST_RE.test(host.trim())) next.host = t('printers.hostInvalid');
    if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65_535)
      next.port = t('printers.portInvalid');
    setErrors(next);
    if (next.name || next.host || next.port) return;
    const body: PrinterCreateBody = {
      name: name.trim(),
      host: host.trim(),
      port: portNumber,
      role,
      paperWidth,
      categoryIds: role === 'kitchen' ? categoryIds : [],
      enabled,
    };
    try {
      const saved = printer
        ? await update.mutateAsync({ id: printer.id, body })
        : await create.mutateAsync(body);
      if (!printer) reset();
      onDone(saved);
    } catch (err) {
      setErrors({ form: errorMessage(err, t) });
    }
  }

  return (
    <form
      className="panel form-row printer-form"
      onSubmit={(e) => void handleSubmit(e)}
      noValidate
      aria-labelledby={`${prefix}-title`}
    >
      <h2 id={`${prefix}-title`} className="panel__title">
        {printer ? t('printers.editTitle', { name: printer.name }) : t('printers.add')}
      </h2>
      <Field
        id={`${prefix}-name`}
        label={t('printers.name')}
        hint={t('printers.nameHint')}
        error={errors.name}
      >
        {(c) => (
          <input
            {...c}
            autoComplete="off"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
            }}
          />
        )}
      </Field>
      <Field
        id={`${prefix}-host`}
        label={t('printers.host')}
        hint={t('printers.hostHint')}
        error={errors.host}
      >
        {(c) => (
          <input
            {...c}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={host}
            onChange={(e) => {
              setHost(e.target.value);
            }}
          />
        )}
      </Field>
      <Field id={`${prefix}-port`} label={t('printers.port')} error={errors.port}>
        {(c) => (
          <input
            {...c}
            inputMode="numeric"
            value={port}
            onChange={(e) => {
              setPort(e.target.value);
            }}
          />
        )}
      </Field>
      <Field id={`${prefix}-role`} label={t('printers.role')}>
        {(c) => (
          <select
            {...c}
            value={role}
            onChange={(e) => {
              setRole(e.target.value === 'receipt' ? 'receipt' : 'kitchen');
            }}
          >
            <option value="kitchen">{t('printers.role.kitchen')}</option>
            <option value="receipt">{t('printers.role.receipt')}</option>
          </select>
        )}
      </Field>
      <Field id={`${prefix}-paper`} label={t('printers.paper')}>
        {(c) => (
          <select
            {...c}
            value={paperWidth}
            onChange={(e) => {
              setPaperWidth(e.target.value === '58' ? 58 : 80);
            }}
          >
            <option value="80">80mm</option>
            <option value="58">58mm</option>
          </select>
        )}
      </Field>
      {role === 'kitchen' && categories.size > 0 && (
        <fieldset className="printer-form__categories">
          <legend>{t('printers.categoriesHint')}</legend>
          {[...categories].map(([id, label]) => (
            <label key={id} className="check">
              <input
                type="checkbox"
                checked={categoryIds.includes(id)}
                onChange={(e) => {
                  setCategoryIds((ids) => (e.target.checked ? [...ids, id] : ids.filter((x) => x !== id)));
                }}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(e) => {
            setEnabled(e.target.checked);
          }}
        />{' '}
        {t('printers.enabled')}
      </label>
      {errors.form && (
        <p className="notice notice--error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form-row__buttons">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {printer ? t('printers.save') : t('printers.addSubmit')}
        </button>
        {printer && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              onDone(undefined);
            }}
          >
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
