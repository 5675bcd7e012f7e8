import { initials, userColor } from '../lib/userColor.js';

/** A round initial badge in the user's stable colour. */
export function Avatar({ id, name, size = 28, color, ring }: { id: string; name: string; size?: number; color?: string; ring?: boolean }) {
  return (
    <span className={`avatar${ring ? ' avatar-ring' : ''}`} title={name}
      style={{ width: size, height: size, fontSize: size * 0.42, background: color ?? userColor(id) }}>
      {initials(name)}
    </span>
  );
}
