import { WifiOff } from 'lucide-react';
import { EmptyState } from './EmptyState.js';

/** A page that could not load for a reason other than "not found" (usually the network). */
export const LoadError = ({ error, retry }: { error: Error; retry: () => void }) => (
  <div className="page">
    <EmptyState icon={<WifiOff size={28} />} title="Could not load this page">
      <p className="muted">{error.message}</p>
      <button className="btn" onClick={retry}>Try again</button>
    </EmptyState>
  </div>
);
