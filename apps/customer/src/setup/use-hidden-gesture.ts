import { useRef, type PointerEvent } from 'react';

const TAPS = 5;
const TAP_WINDOW_MS = 3000;
const LONG_PRESS_MS = 1500;

/**
 * Staff-only gesture on an inconspicuous element: five taps within 3 s, or a 1.5 s press.
 * Returns the handlers to spread on the element.
 */
export function useHiddenGesture(onTrigger: () => void) {
  const taps = useRef<number[]>([]);
  const pressTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const fired = useRef(false);

  const cancelPress = () => {
    clearTimeout(pressTimer.current);
    pressTimer.current = undefined;
  };

  return {
    onPointerDown: (e: PointerEvent) => {
      if (e.button !== 0) return;
      fired.current = false;
      cancelPress();
      pressTimer.current = setTimeout(() => {
        fired.current = true;
        taps.current = [];
        onTrigger();
      }, LONG_PRESS_MS);
    },
    onPointerUp: cancelPress,
    onPointerLeave: cancelPress,
    onPointerCancel: cancelPress,
    onContextMenu: (e: { preventDefault: () => void }) => {
      e.preventDefault();
    },
    onClick: () => {
      if (fired.current) return;
      const now = Date.now();
      taps.current = [...taps.current.filter((at) => now - at < TAP_WINDOW_MS), now];
      if (taps.current.length >= TAPS) {
        taps.current = [];
        onTrigger();
      }
    },
  };
}
