/** Times as people read them on a Dutch screen: "14:05", or "3 dec. 14:05" when not today. */
const clock = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

const moment = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** "12 maart 2027 om 14:05" (Dutch time); an unreadable time reads "een onbekende datum". */
export function formatMoment(iso: string): string {
  const date = new Date(iso);
  return iso && !Number.isNaN(date.getTime()) ? moment.format(date) : 'een onbekende datum';
}

export function formatSyncTime(iso: string, now: Date): string {
  const time = new Date(iso);
  return time.toDateString() === now.toDateString() ? clock.format(time) : dayAndClock.format(time);
}
