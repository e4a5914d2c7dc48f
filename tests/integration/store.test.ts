/** The SQLite `RoomStore` (a real database file in a temp dir) against the shared suite. */
import { openSqliteStore } from '../../server/store';
import { describeRoomStore } from '../helpers/roomStoreSuite';
import { afterAll } from 'vitest';
import { cleanup } from '../helpers/server';

afterAll(cleanup);

describeRoomStore('SQLite', (dir) => openSqliteStore(dir));
