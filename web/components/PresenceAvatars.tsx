import { useTranslation } from 'react-i18next';
import type { PresentUser } from '../editor/usePresence.js';
import { Avatar } from './Avatar.js';

/** Overlapping avatars of everyone in the report (you last). */
export function PresenceAvatars({ people, max = 5 }: { people: PresentUser[]; max?: number }) {
  const { t } = useTranslation();
  const shown = people.slice(0, max);
  const extra = people.length - shown.length;
  const names = people.map((p) => (p.self ? t('presence.self', { name: p.name }) : p.name)).join(t('common.listSeparator'));
  return (
    <div className="presence" role="group" aria-label={t('presence.here', { count: people.length, names })} data-testid="presence">
      {shown.map((p) => (
        <span key={p.id} className="presence-item" title={p.self ? t('presence.self', { name: p.name }) : p.name} data-name={p.name}>
          <Avatar id={p.id} name={p.name} color={p.color} size={28} ring />
        </span>
      ))}
      {extra > 0 && <span className="avatar avatar-more">+{extra}</span>}
    </div>
  );
}
