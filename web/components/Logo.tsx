export const Logo = () => (
  <div className="logo">
    <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true"><rect width="32" height="32" rx="8" fill="var(--accent)" /><path d="M9 21l5-10 4 7 5-9" stroke="white" strokeWidth="3" fill="none" strokeLinecap="round" strokeLinejoin="round" /></svg>
    <span>Cadence</span>
  </div>
);
