// The app's version, shown in the footer (vite.config.ts: KERNPLEIN_VERSION or package.json's).
declare const __KERNPLEIN_VERSION__: string;
