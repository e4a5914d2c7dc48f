/**
 * Words around versions of a kernagenda: the suggested name ("Kernagenda Beesd, voorjaar
 * 2027", from the kern and the half of the year the agenda is revised in). No data logic:
 * versions.ts owns the versions.
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
