/**
 * What a device keeps, read from the page's own storage: not something a user sees, for the
 * tests of what is kept (the saved screen, the service worker's copy of a page).
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
