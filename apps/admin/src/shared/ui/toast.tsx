import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';

type ToastKind = 'info' | 'success' | 'error';
interface Toast {
  id: number;
  text: string;
  kind: ToastKind;
}

const ToastContext = createContext<(text: string, kind?: ToastKind) => void>(() => undefined);

/** Short confirmations ("테이블 3 이용 완료") in a polite live region; errors stay until dismissed. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((x) => x.id !== id));
  }, []);

  const notify = useCallback(
    (text: string, kind: ToastKind = 'success') => {
      const id = next.current++;
      setToasts((list) => [...list.slice(-2), { id, text, kind }]);
      if (kind !== 'error') {
        setTimeout(() => {
          dismiss(id);
        }, 4000);
      }
    },
    [dismiss],
  );

  const value = useMemo(() => notify, [notify]);
  return (
    <ToastContext value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((x) => (
          <div key={x.id} className={`toast toast--${x.kind}`}>
            <span>{x.text}</span>
            <button
              type="button"
              className="btn btn--ghost btn--icon"
              aria-label={t('common.dismiss')}
              onClick={() => {
                dismiss(x.id);
              }}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ))}
      </div>
    </ToastContext>
  );
}

/** Shows a toast. */
export function useToast(): (text: string, kind?: ToastKind) => void {
  return useContext(ToastContext);
}
