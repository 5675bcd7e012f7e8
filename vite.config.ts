import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app lives in web/; the build lands in dist/web, which the server serves.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    port: 5173,
    proxy: { '^/api/': { target: `http://localhost:${process.env.PORT ?? 3000}`, ws: true, changeOrigin: false } },
  },
});
