/** Matching a kern name to what someone types: case, accents and spaces do not matter. */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('nl')
    .replace(/\s+/g, ' ')
    .trim();

export function matchesKern(name: string, query: string): boolean {
  const q = fold(query);
  return q === '' || fold(name).includes(q);
}
