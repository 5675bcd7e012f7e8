import { Outlet } from 'react-router';
import { Sidebar } from './Sidebar.js';

/** The product frame: sidebar on the left, the page on the right. */
export function AppLayout() {
  return (
    <div className="app">
      <Sidebar />
      <main className="main"><Outlet /></main>
    </div>
  );
}
