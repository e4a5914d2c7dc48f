/** Words on the joint project's page: kernen by name (shell/kernNames.ts) and a day. */
export { byKernName, kernName, kernNames } from '../shell/kernNames';

const day = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});

/** "1 maart 2026" (Dutch time). */
export const formatDay = (iso: string) => day.format(new Date(iso));
