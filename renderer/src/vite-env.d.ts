/// <reference types="vite/client" />

/** The package version, replaced at build time (vite.config.ts `define`). */
declare const __CERTBELL_VERSION__: string;
