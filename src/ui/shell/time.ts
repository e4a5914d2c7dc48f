/** Times as people read them on a Dutch screen: "14:05", or "3 dec. 14:05" when not today. */
const clock = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatSyncTime(iso: string, now: Date): string {
  const time = new Date(iso);
  return time.toDateString() === now.toDateString() ? clock.format(time) : dayAndClock.format(time);
}
