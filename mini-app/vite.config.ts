import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import zaloMiniApp from "zmp-vite-plugin";

const root = fileURLToPath(new URL(".", import.meta.url));
// The plugin would read ./app-config.json from the working directory; read it here so any cwd works.
const appConfig = JSON.parse(readFileSync(new URL("./app-config.json", import.meta.url), "utf8"));

// Relative asset URLs: the same build works at / on our server and under Zalo's /zapps/<APP_ID>/ prefix
// (zmp-vite-plugin forces "./" for builds anyway; saying it here keeps the intent visible).
export default defineConfig({
  root,
  base: "./",
  plugins: [zaloMiniApp(appConfig), react()],
  build: {
    outDir: "www",
    emptyOutDir: true,
    // Zalo rejects files over 3 MB; warn long before that.
    chunkSizeWarningLimit: 800,
  },
});
