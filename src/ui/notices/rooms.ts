/** The two rooms of gemeente notices: the notices and answers, and the questions. */
import { roomName } from '../../model/rooms';

export const berichtenRoom = roomName({ kind: 'berichten' });
export const vragenRoom = roomName({ kind: 'vragen' });
