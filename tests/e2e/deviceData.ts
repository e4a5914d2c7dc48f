/**
 * What a device keeps, read from the page's own storage: not something a user sees, for the
 * tests of what is kept (the saved screen, the service worker's copy of a page); and rooms'
 * IndexedDB made slow to open, as a long history is on a slow phone.
 */
import type { Page } from 'playwright-core';

/** The titles in this device's saved screen of a room's agenda (null: none saved). */
export const savedScreenTitles = (page: Page, room: string) =>
  page.evaluate(
    (room) =>
      new Promise<string[] | null>((resolve, reject) => {
        const request = indexedDB.open('kernplein');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('screens')) return (db.close(), resolve(null));
          const get = db.transaction('screens').objectStore('screens').get(room);
          get.onsuccess = () => {
            db.close();
            const row = get.result as { value: { agenda: { points: { title: string }[] } } };
            resolve(row ? row.value.agenda.points.map((p) => p.title) : null);
          };
          get.onerror = () => (db.close(), reject(get.error));
        };
      }),
    room,
  );

/**
 * From the next load on, each of `rooms`' IndexedDB opens `ms` late, and the page notes when it
 * did (`openedAt`, ms since navigation start, by room).
 */
export const slowRoomOpen = (page: Page, rooms: string[], ms: number) =>
  page.addInitScript(
    ({ rooms, ms }) => {
      const openedAt: Record<string, number> = {};
      (window as unknown as { __openedAt: typeof openedAt }).__openedAt = openedAt;
      const open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
        const request = open.call(this, name, version);
        const room = rooms.find((room) => name === `kernplein:${room}`);
        if (room) {
          const slot = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'onsuccess')!;
          Object.defineProperty(request, 'onsuccess', {
            set(handler: (event: Event) => void) {
              slot.set!.call(request, (event: Event) =>
                setTimeout(() => {
                  openedAt[room] = performance.now();
                  handler(event);
                }, ms),
              );
            },
          });
        }
        return request;
      } as typeof open;
    },
    { rooms, ms },
  );

/** When each room made slow by `slowRoomOpen` opened (ms since navigation start). */
export const roomsOpenedAt = (page: Page) =>
  page.evaluate(() => (window as unknown as { __openedAt: Record<string, number> }).__openedAt);
