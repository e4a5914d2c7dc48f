/**
 * The room of `name` for as long as the component is mounted (shared with every other
 * user of the same name through the registry).
 */
import { useEffect } from 'react';
import { openRoom, type Room } from '../../sync/room';
import { useServices } from './useServices';

export function useRoom(name: string): Room {
  const { registry } = useServices();
  // Rooms, and with them Yjs, come with the screens that use this hook (see registry.ts).
  registry.supplyRooms(openRoom);
  useEffect(() => registry.retain(name), [registry, name]);
  return registry.get(name);
}
