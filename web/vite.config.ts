import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server has no Pharos host to fill in the path prefix: serve the UI at the root.
function devPathPrefix(): Plugin {
  return {
    name: 'pharos-dev-path-prefix',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace('PATH_PREFIX_PLACEHOLDER', ''),
  };
}

// `npm run dev` proxies the API to a running server (PHAROS_DEV_BACKEND, default http://127.0.0.1:9090).
const backend = process.env.PHAROS_DEV_BACKEND ?? 'http://127.0.0.1:9090';

export default defineConfig({
  // Relative asset URLs: index.html's <base href> decides where the assets live.
  base: './',
  plugins: [react(), devPathPrefix()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': backend,
      '/-/': backend,
    },
  },
});
