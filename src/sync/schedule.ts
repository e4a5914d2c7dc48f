/**
 * When work that can wait runs: the one place the app schedules it in the browser (storing a
 * screen or a search index, merging stored entries, prefetching code, connecting a room after
 * the page has been painted). Outside a browser page (Node, tests) each runs at once.
 */

const browser = () => typeof window !== 'undefined' && typeof document !== 'undefined';

/**
 * Runs `fn` when the main thread is idle, at the latest after `timeoutMs`; where the browser
 * cannot say when it is idle (Safari has no requestIdleCallback) after a second. Returns a
 * cancel function.
 */
export function whenIdle(fn: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => fn(), { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  if (!browser()) {
    fn();
    return () => undefined;
  }
  const timer = setTimeout(fn, Math.min(timeoutMs, 1_000));
  return () => clearTimeout(timer);
}

/** `whenIdle` as a promise. */
export const idle = (timeoutMs: number): Promise<void> =>
  new Promise((resolve) => void whenIdle(resolve, timeoutMs));

/**
 * Runs `fn` in a task after the browser's next paint (the rAF callback runs before the
 * paint; a task queued from it runs after that paint). With `orAfterMs`, then too when no
 * frame comes by then (a tab in the background paints nothing). Returns a cancel function.
 */
export function afterPaint(fn: () => void, orAfterMs?: number): () => void {
  if (typeof requestAnimationFrame !== 'function') {
    fn();
    return () => undefined;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(once, 0);
  });
  const fallback = orAfterMs === undefined ? undefined : setTimeout(once, orAfterMs);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    clearTimeout(fallback);
  };
}

/** Resolves `ms` after the page's load event (at once outside a browser page). */
export function afterLoad(ms: number): Promise<void> {
  if (!browser()) return Promise.resolve();
  return new Promise((resolve) => {
    const wait = () => setTimeout(resolve, ms);
    if (document.readyState === 'complete') wait();
    else window.addEventListener('load', wait, { once: true });
  });
}
