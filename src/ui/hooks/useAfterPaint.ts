/**
 * After the next paint: for what a page shows below its main content (a kern page's sections
 * under the kernagenda, the rest of its point cards), so rendering it never holds up the
 * paint of the content people came for.
 */
import { useEffect, useState } from 'react';

/** Runs `fn` in a task after the browser's next paint; returns a cancel. */
export function afterPaint(fn: () => void): () => void {
  // The rAF callback runs before the paint; a task queued from it runs after that paint.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** True once `ready` is true and the browser has painted a frame since. */
export function useAfterPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    return afterPaint(() => setPainted(true));
  }, [ready, painted]);
  return ready && painted;
}
