/**
 * The room of `name` for as long as the component is mounted (shared with every other
 * user of the same name through the registry).
 */
import { useEffect } from 'react';
import type { Room } from '../../sync/room';
import { useServices } from './useServices';

export function useRoom(name: string): Room {
  const { registry } = useServices();
  useEffect(() => registry.retain(name), [registry, name]);
  return registry.get(name);
}
