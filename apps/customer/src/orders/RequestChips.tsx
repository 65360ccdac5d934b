import { ORDER_NOTE_MAX } from '@table-order/contracts/constants';
import { useI18n } from '../shared/i18n/i18n';
import { useStoreSettings } from '../shared/store-settings';

/**
 * The note with a request chip appended ("덜 맵게" → "곱빼기, 덜 맵게"); unchanged when the note already
 * says it or it would not fit.
 */
export function appendChip(note: string, chip: string): string {
  const current = note.trim();
  if (current.split(/,\s*/).includes(chip)) return note;
  const next = current === '' ? chip : `${current}, ${chip}`;
  return next.length > ORDER_NOTE_MAX ? note : next;
}

/** The store's one-tap requests under the note; each tap appends its text to the note. */
export function RequestChips({
  note,
  onChange,
  disabled,
}: {
  note: string;
  onChange: (note: string) => void;
  disabled: boolean;
}) {
  const { t } = useI18n();
  const chips = useStoreSettings().data?.requestChips ?? [];
  if (chips.length === 0) return null;
  return (
    <div className="request-chips" role="group" aria-label={t.requestChips}>
      {chips.map((chip) => (
        <button
          key={chip}
          type="button"
          className="request-chip"
          disabled={disabled}
          onClick={() => {
            onChange(appendChip(note, chip));
          }}
        >
          + {chip}
        </button>
      ))}
    </div>
  );
}
