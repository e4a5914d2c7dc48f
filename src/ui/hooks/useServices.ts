/**
 * The long-lived objects of the app (configuration, device db, room registry, clock),
 * created once in main.tsx and handed to every component through one React context.
 */
import { createContext, useContext } from 'react';
import type { GemeenteConfig } from '../../config/gemeente';
import type { DeviceDb } from '../../storage/db';
import type { RoomRegistry } from '../../sync/registry';

export interface Services {
  config: GemeenteConfig;
  db: DeviceDb;
  registry: RoomRegistry;
  /** The clock (tests may pass a fixed one). */
  now: () => Date;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesContext>');
  return services;
}
