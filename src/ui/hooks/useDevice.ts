/**
 * What this device keeps (followed kernen, tokens), as live React values: every change in
 * the device db (in this tab or another) re-renders the components that use it.
 * `undefined` while the first read is in flight.
 */
import { useEffect, useState } from 'react';
import { listFollows, listTokens, watch, type FollowRow, type TokenRow } from '../../storage/db';
import { useServices } from './useServices';

function useLive<T>(subscribe: (onValue: (value: T) => void) => () => void): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => subscribe(setValue), [subscribe]);
  return value;
}

export function useFollows(): readonly FollowRow[] | undefined {
  const { db } = useServices();
  const [subscribe] = useState(
    () => (onValue: (rows: FollowRow[]) => void) => watch(() => listFollows(db), onValue),
  );
  return useLive(subscribe);
}

export function useTokens(): readonly TokenRow[] | undefined {
  const { db } = useServices();
  const [subscribe] = useState(
    () => (onValue: (rows: TokenRow[]) => void) => watch(() => listTokens(db), onValue),
  );
  return useLive(subscribe);
}
