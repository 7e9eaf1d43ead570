/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** API base including its /api prefix, e.g. https://hoiso.example.vn/api. Unset: same origin /api. Inside Zalo it must be set. */
  readonly VITE_API_URL?: string;
  /** Zalo Mini App id used when the build is opened outside /zapps/<id>/ (our own server, a desktop browser). */
  readonly VITE_ZALO_APP_ID?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
