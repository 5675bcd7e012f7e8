import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { presentUser } from '../../shared/doc/presence.js';

export interface PresentUser { id: string; name: string; color: string; self: boolean }

/** Who has the report open, from awareness (one entry per person, even with several tabs). */
export function usePresence(provider: WebsocketProvider | undefined): PresentUser[] {
  const [people, setPeople] = useState<PresentUser[]>([]);
  useEffect(() => {
    if (!provider) return;
    const aw = provider.awareness;
    const read = () => {
      const byUser = new Map<string, PresentUser>();
      for (const [clientId, state] of aw.getStates()) {
        const u = presentUser(state);
        if (!u?.name) continue;
        const id = u.id ?? String(clientId);
        const self = clientId === aw.clientID;
        if (!byUser.has(id) || self) byUser.set(id, { id, name: u.name, color: u.color ?? '#888', self });
      }
      setPeople([...byUser.values()].sort((a, b) => Number(a.self) - Number(b.self) || a.name.localeCompare(b.name)));
    };
    read();
    aw.on('change', read);
    return () => aw.off('change', read);
  }, [provider]);
  return people;
}
