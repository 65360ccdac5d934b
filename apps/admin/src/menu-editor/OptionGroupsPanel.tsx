import type { OptionGroup } from '@table-order/contracts';
import { useState } from 'react';
import { useIsOwner } from '../auth';
import { ApiError, errorMessage } from '../shared/api';
import { formatPriceDelta } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { ConfirmDialog, useToast } from '../shared/ui';
import { useDeleteOptionGroup } from './api/delete-option-group';
import { useOptionGroups } from './api/list-option-groups';
import { useUpdateOptionGroup } from './api/update-option-group';
import { OptionGroupDialog } from './OptionGroupDialog';
import { groupRule } from './option-rule';

/** The menu items a 409 option_group_in_use names. */
function itemsInUse(err: ApiError): string {
  return err.rawDetails
    .flatMap((d) =>
      typeof d === 'object' && d !== null && 'name' in d && typeof d.name === 'string' ? [d.name] : [],
    )
    .join(', ');
}

/** The store's option groups: add, edit, sold-out switch per option, delete (refused while items use it). */
export function OptionGroupsPanel() {
  const { t, lang } = useI18n();
  const owner = useIsOwner();
  const notify = useToast();
  const query = useOptionGroups();
  const update = useUpdateOptionGroup();
  const remove = useDeleteOptionGroup();
  const groups = query.data?.items ?? [];
  const [editing, setEditing] = useState<OptionGroup | 'new' | null>(null);
  const [deleting, setDeleting] = useState<OptionGroup | null>(null);

  async function handleSoldOut(group: OptionGroup, optionId: number, soldOut: boolean) {
    const options = group.options.map((o) => (o.id === optionId ? { ...o, soldOut } : o));
    try {
      await update.mutateAsync({ group, body: { options } });
    } catch (err) {
      notify(errorMessage(err, t), 'error');
    }
  }

  return (
    <section className="panel option-groups" aria-labelledby="option-groups-title">
      <div className="panel__head">
        <h2 id="option-groups-title" className="panel__title">
          {t('options.title')}
        </h2>
        {owner && (
          <button
            type="button"
            className="btn btn--primary btn--lg"
            onClick={() => {
              setEditing('new');
            }}
          >
            + {t('options.add')}
          </button>
        )}
      </div>
      <p className="muted">{t('options.hint')}</p>
      {query.isPending && <div className="skeleton skeleton--rows" aria-hidden="true" />}
      {query.error && (
        <p className="notice notice--error" role="alert">
          {errorMessage(query.error, t)}
        </p>
      )}
      {query.isSuccess && groups.length === 0 && <p className="empty">{t('options.none')}</p>}
      <ul className="option-groups__list">
        {groups.map((g) => (
          <li key={g.id} className="option-group-card" aria-label={g.name}>
            <div className="option-group-card__head">
              <h3 className="option-group-card__name">{g.name}</h3>
              <span className={g.minSelect > 0 ? 'badge badge--required' : 'badge'}>{groupRule(g, t)}</span>
              {/* Staff keep only the sold-out switches: the API refuses every other change of theirs. */}
              {owner && (
                <div className="option-group-card__tools">
                  <button
                    type="button"
                    className="btn"
                    aria-label={t('options.editLabel', { name: g.name })}
                    onClick={() => {
                      setEditing(g);
                    }}
                  >
                    {t('menu.edit')}
                  </button>
                  <button
                    type="button"
                    className="btn btn--quiet-danger"
                    aria-label={t('options.deleteLabel', { name: g.name })}
                    onClick={() => {
                      setDeleting(g);
                    }}
                  >
                    {t('menu.delete')}
                  </button>
                </div>
              )}
            </div>
            <ol className="option-group-card__options">
              {g.options.map((o) => (
                <li key={o.id} className={o.soldOut ? 'option-line option-line--soldout' : 'option-line'}>
                  <span className="option-line__name">{o.name}</span>
                  <span className="option-line__delta">
                    {o.priceDelta === 0 ? t('options.noDelta') : formatPriceDelta(o.priceDelta, lang)}
                  </span>
                  <label className="switch">
                    <input
                      type="checkbox"
                      role="switch"
                      checked={o.soldOut}
                      aria-label={t('options.soldOutLabel', { group: g.name, name: o.name })}
                      onChange={(e) => void handleSoldOut(g, o.id, e.target.checked)}
                    />
                    <span className="switch__track" aria-hidden="true" />
                    <span className="switch__text">{o.soldOut ? t('menu.soldOut') : t('menu.onSale')}</span>
                  </label>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
      {editing && (
        <OptionGroupDialog
          group={editing === 'new' ? null : editing}
          onClose={() => {
            setEditing(null);
          }}
          onSaved={(saved) => {
            setEditing(null);
            notify(t('options.saved', { name: saved.name }));
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('options.deleteTitle')}
          message={t('options.deleteConfirm', { name: deleting.name })}
          detail={t('options.deleteDetail')}
          confirmLabel={t('common.delete')}
          danger
          onConfirm={async () => {
            await remove.mutateAsync(deleting.id);
            notify(t('options.deleted', { name: deleting.name }));
          }}
          describeError={(err) =>
            err instanceof ApiError && err.code === 'option_group_in_use'
              ? t('options.inUse', { name: deleting.name, items: itemsInUse(err) })
              : null
          }
          onClose={() => {
            setDeleting(null);
          }}
        />
      )}
    </section>
  );
}
