// The page: index.html at the root, its JS and CSS in www/, the two wasm builds in web/pkg-*.
//
// Threads in the page need SharedArrayBuffer, which needs cross-origin isolation: both the dev server and
// `vite preview` send COOP same-origin + COEP require-corp. MEMWIN_NO_ISOLATION=1 drops those headers, to
// try (and test) the single-thread fallback the page loads when SharedArrayBuffer is unavailable.
import { defineConfig } from 'vite';

const isolation = process.env.MEMWIN_NO_ISOLATION === '1'
  ? {}
  : { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  server: { headers: isolation },
  preview: { headers: isolation },
  // The driver worker imports the wasm glue, whose thread-pool helper spawns module workers of its own.
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
});
