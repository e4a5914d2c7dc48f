// The gemeente's configuration JSON, chosen at build time (vite.config.ts aliases it).
// Raw and unvalidated on the type level: main.tsx passes it through parseGemeenteConfig.
declare module '@gemeente' {
  const config: unknown;
  export default config;
}
