/**
 * Words around versions of a kernagenda: the suggested name ("Kernagenda Beesd, voorjaar
 * 2027", from the kern and the half of the year the agenda is revised in) and how a
 * version's moment reads in Dutch. No data logic: versions.ts owns the versions.
 */

/** The agenda is revised about twice a year: January–June is "voorjaar", the rest "najaar". */
export function seasonOf(date: Date): string {
  return date.getMonth() < 6 ? 'voorjaar' : 'najaar';
}

/**
 * "Kernagenda <kern>, <seizoen> <jaar>"; when that name is taken (compared as the model
 * does: capitals and spaces do not count), "(2)", "(3)", ... is added.
 */
export function suggestVersionName(kernName: string, date: Date, existing: readonly string[]) {
  const base = `Kernagenda ${kernName}, ${seasonOf(date)} ${date.getFullYear()}`;
  const taken = new Set(existing.map((n) => n.replace(/\s+/g, ' ').trim().toLocaleLowerCase('nl')));
  let name = base;
  for (let n = 2; taken.has(name.toLocaleLowerCase('nl')); n++) name = `${base} (${n})`;
  return name;
}

const moment = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** "12 maart 2027 om 14:05"; an unreadable time reads "een onbekende datum". */
export function versionMoment(iso: string): string {
  const date = new Date(iso);
  return iso && !Number.isNaN(date.getTime()) ? moment.format(date) : 'een onbekende datum';
}
