/**
 * True once `ready` is true and the browser has painted a frame since: for what a page shows
 * below its main content (a kern page's sections under the kernagenda), so rendering it never
 * holds up the paint of the content people came for.
 */
import { useEffect, useState } from 'react';
import { afterPaint } from '../../sync/schedule';

export function useAfterPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    return afterPaint(() => setPainted(true));
  }, [ready, painted]);
  return ready && painted;
}
