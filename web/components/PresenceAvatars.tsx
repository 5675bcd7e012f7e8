import type { PresentUser } from '../editor/usePresence.js';
import { Avatar } from './Avatar.js';

/** Overlapping avatars of everyone in the report (you last). */
export function PresenceAvatars({ people, max = 5 }: { people: PresentUser[]; max?: number }) {
  const shown = people.slice(0, max);
  const extra = people.length - shown.length;
  return (
    <div className="presence" aria-label={`${people.length} here: ${people.map((p) => p.name).join(', ')}`} data-testid="presence">
      {shown.map((p) => (
        <span key={p.id} className="presence-item" title={p.self ? `${p.name} (you)` : p.name} data-name={p.name}>
          <Avatar id={p.id} name={p.name} color={p.color} size={28} ring />
        </span>
      ))}
      {extra > 0 && <span className="avatar avatar-more">+{extra}</span>}
    </div>
  );
}
