import { createRoot } from 'react-dom/client';
import './i18n/index.js';
import { App } from './App.js';
import { watchBlockFocus } from './pages/search/blockFocus.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(<App />);
// Landing on `?block=<id>` (search hits, the dashboard) scrolls to that block once the editor shows it.
watchBlockFocus();
