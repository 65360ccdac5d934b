import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

interface ToastApi {
  notify: (message: string) => void;
}

const ToastContext = createContext<ToastApi>({ notify: () => undefined });
const TOAST_MS = 2600;

/** Short confirmations ("added to the cart") announced politely and shown above everything. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<{ id: number; message: string } | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const notify = useCallback((message: string) => {
    setToast((prev) => ({ id: (prev?.id ?? 0) + 1, message }));
  }, []);

  useEffect(() => {
    if (!toast) return;
    // As a popover the toast joins the top layer, above any open dialog.
    const el = ref.current;
    if (el && typeof el.showPopover === 'function') {
      try {
        if (el.matches(':popover-open')) el.hidePopover();
        el.showPopover();
      } catch {
        // no popover support: the toast still shows in place
      }
    }
    const timer = setTimeout(() => {
      setToast(null);
    }, TOAST_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [toast]);

  const api = useMemo(() => ({ notify }), [notify]);
  return (
    <ToastContext value={api}>
      {children}
      <div
        ref={ref}
        popover="manual"
        role="status"
        aria-live="polite"
        className="toast"
        data-visible={toast ? 'true' : 'false'}
      >
        {toast?.message}
      </div>
    </ToastContext>
  );
}

/** Shows a toast. */
export function useToast(): ToastApi {
  return useContext(ToastContext);
}
