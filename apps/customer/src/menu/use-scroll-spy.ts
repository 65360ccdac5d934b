import { useCallback, useEffect, useRef, useState } from 'react';

/** How far below the top of the scroller a section counts as the one being read. */
const READING_LINE_PX = 48;
/** How long a jump's smooth scroll may take before the spy takes over again. */
const JUMP_LOCK_MS = 1000;

/**
 * Category "scroll spy" for the menu: `active` follows the section at the top of the scrolling grid, and
 * `jumpTo` scrolls a section into view (the spy pauses while that smooth scroll runs).
 * Sections are the scroller's descendants carrying `data-section-id`.
 */
export function useScrollSpy(sectionIds: readonly number[]) {
  const scrollerRef = useRef<HTMLElement>(null);
  const [active, setActive] = useState<number | undefined>(undefined);
  const lockUntil = useRef(0);
  const refresh = useRef<() => void>(() => undefined);
  const idsKey = sectionIds.join(',');

  useEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      if (performance.now() < lockUntil.current) return;
      const sections = Array.from(el.querySelectorAll<HTMLElement>('[data-section-id]'));
      const first = sections[0];
      if (!first) return;
      let current = first;
      for (const s of sections) if (s.offsetTop - el.scrollTop <= READING_LINE_PX) current = s;
      // At the very bottom, short last sections could never reach the top: pick the last one.
      const last = sections.at(-1);
      if (last && el.scrollTop > 0 && el.scrollTop + el.clientHeight >= el.scrollHeight - 2) current = last;
      setActive(Number(current.dataset.sectionId));
    };
    const onScroll = () => {
      if (frame === 0) frame = requestAnimationFrame(update);
    };
    // The jump is over (or the guest took over by touching the grid): follow the scroll again.
    const release = () => {
      lockUntil.current = 0;
      onScroll();
    };
    refresh.current = onScroll;
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('scrollend', release);
    el.addEventListener('wheel', release, { passive: true });
    el.addEventListener('touchstart', release, { passive: true });
    // In the next frame, as a scroll would: measuring now would force a layout before the menu's first
    // paint (and a second render of every card), for what at the top is the first category anyway.
    onScroll();
    return () => {
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('scrollend', release);
      el.removeEventListener('wheel', release);
      el.removeEventListener('touchstart', release);
      cancelAnimationFrame(frame);
    };
  }, [idsKey]);

  const jumpTo = useCallback((id: number) => {
    const el = scrollerRef.current;
    const section = el?.querySelector<HTMLElement>(`[data-section-id="${id}"]`);
    if (!el || !section) return;
    setActive(id);
    lockUntil.current = performance.now() + JUMP_LOCK_MS;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollTo({ top: section.offsetTop, behavior: reduced ? 'auto' : 'smooth' });
    // Browsers without `scrollend` still hand back to the spy when the lock runs out.
    setTimeout(() => {
      refresh.current();
    }, JUMP_LOCK_MS + 50);
  }, []);

  return { scrollerRef, active, jumpTo };
}
