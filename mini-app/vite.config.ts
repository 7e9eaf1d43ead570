import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import zaloMiniApp from "zmp-vite-plugin";

const root = fileURLToPath(new URL(".", import.meta.url));
// The plugin would read ./app-config.json from the working directory; read it here so any cwd works.
const appConfig = JSON.parse(readFileSync(new URL("./app-config.json", import.meta.url), "utf8"));

/**
 * Libraries in their own files, apart from our code: a new release of the app changes only its own chunks, and a
 * phone that already holds React, zmp-ui and zmp-sdk (cached for a year, see server/src/http/static.ts) keeps them.
 */
function vendorChunk(id: string): string | undefined {
  // zmp-ui's stylesheet stays with the entry, before ours (main.tsx imports it first). In a vendor chunk it became a
  // dependency of every lazy page, and Vite's preload (with the relative base) added it a second time after our
  // theme, turning the app Zalo-blue.
  if (id.endsWith(".css")) return undefined;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id)?.[1];
  if (!pkg) return undefined;
  if (["react", "react-dom", "scheduler", "react-router", "react-router-dom", "@remix-run/router"].includes(pkg)) return "vendor-react";
  if (pkg === "zmp-sdk") return "vendor-zmp-sdk";
  // The data layer and the catalogues' library: ours, not zmp-ui's, and released on their own schedule.
  if (["i18next", "react-i18next", "html-parse-stringify", "void-elements", "use-sync-external-store"].includes(pkg)) return "vendor-i18n";
  if (pkg.startsWith("@tanstack/")) return "vendor-query";
  // Drawn only in Quản trị › Tổng hợp, which loads it lazily: in its own chunk, never in what a member downloads.
  if (pkg === "chart.js" || pkg === "@kurkle/color") return "vendor-chart";
  // zmp-ui and what it brings (react-spring, use-gesture, transition groups…).
  return "vendor-zmp-ui";
}

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
    rollupOptions: {
      // File names stay zmp-vite-plugin's (assets/[name].[hash].module.js); only the grouping is ours.
      output: { manualChunks: vendorChunk },
    },
  },
});
