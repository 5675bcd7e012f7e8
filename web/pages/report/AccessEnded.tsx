import { Lock } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { keys } from '../../lib/data.js';
import { queryClient } from '../../lib/queryClient.js';
import './accessEnded.css';

/**
 * The server ended this person's access to the report while it was open (removed from the space, signed out): the
 * editor has stopped taking edits; this says so, and what to do. The spaces list is read again, so the sidebar
 * drops a space the person is no longer in.
 */
export function AccessEnded({ reason }: { reason: 'removed' | 'signedOut' }) {
  const { t } = useTranslation();
  useEffect(() => { void queryClient.invalidateQueries({ queryKey: keys.spaces() }); }, []);
  return (
    <div className="access-ended" role="alert">
      <Lock size={16} aria-hidden />
      <div>
        <strong>{t(`report.accessEnded.${reason}`)}</strong>
        <p>{t(`report.accessEnded.${reason}Hint`)}</p>
        {reason === 'removed' ? <Link to="/">{t('report.accessEnded.home')}</Link> : <Link to="/signin">{t('report.accessEnded.signIn')}</Link>}
      </div>
    </div>
  );
}
