import { createRoot } from 'react-dom/client';
import './i18n/index.js';
import { App, startFirstPage } from './App.js';
import './styles.css';
import { reloadOnStaleChunks } from './lib/staleChunks.js';

reloadOnStaleChunks();

// The first page's code is fetched before the first render, so it renders in one go (App.tsx, routes.tsx); a slow
// network shows the page's spinner after 3 s instead.
const render = () => createRoot(document.getElementById('root')!).render(<App />);
void Promise.race([startFirstPage(), new Promise((r) => setTimeout(r, 3000))]).then(render);
