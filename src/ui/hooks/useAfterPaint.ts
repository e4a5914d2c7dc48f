/**
 * True once `ready` is true and the browser has painted a frame since: for what a page shows
 * below its main content (a kern page's sections under the kernagenda), so rendering it never
 * holds up the paint of the content people came for.
 */
import { useEffect, useState } from 'react';

export function useAfterPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    // The rAF callback runs before the paint; a task queued from it runs after that paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, painted]);
  return ready && painted;
}
