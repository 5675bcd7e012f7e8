import { Check, CloudOff, Loader, RefreshCw } from 'lucide-react';
import type { Connection } from '../editor/useCollab.js';

/** Connected and saved, saving, reconnecting, or offline (edits stay on this device until back). */
export function ConnectionBadge({ connection, saved, readOnly }: { connection: Connection; saved: boolean; readOnly: boolean }) {
  const [cls, icon, text, title] =
    connection === 'offline' ? ['off', <CloudOff size={13} />, 'Offline', 'Your edits are kept on this device and sent when you are back online.']
    : connection === 'reconnecting' ? ['warn', <RefreshCw size={13} className="spin" />, 'Reconnecting…', 'Your edits are kept on this device meanwhile.']
    : connection === 'connecting' ? ['warn', <Loader size={13} className="spin" />, 'Connecting…', '']
    : readOnly ? ['ok', <Check size={13} />, 'Live', 'Connected: you see changes as they happen.']
    : saved ? ['ok', <Check size={13} />, 'Saved', 'Connected; the server has all your edits.']
    : ['busy', <Loader size={13} className="spin" />, 'Saving…', 'Connected; sending your latest edits.'];
  return (
    <span className={`conn conn-${cls}`} title={title} data-testid="connection" data-state={connection} data-saved={saved ? 'yes' : 'no'}>
      {icon}{text}
    </span>
  );
}
