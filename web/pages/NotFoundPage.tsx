import { Compass } from 'lucide-react';
import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState.js';

export const NotFoundPage = () => (
  <div className="page">
    <EmptyState icon={<Compass size={28} />} title="Nothing here">
      <p className="muted">This page does not exist or you are not a member of its space.</p>
      <Link className="btn" to="/">Back to your spaces</Link>
    </EmptyState>
  </div>
);
