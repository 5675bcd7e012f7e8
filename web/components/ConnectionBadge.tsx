import { AlertTriangle, Check, CloudOff, Loader, Lock, PenLine, RefreshCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../editor/useCollab.js';

/**
 * Connected and saved, saving, a field still being typed in (not in the report until Enter or leaving it), reconnecting, offline (edits stay on this device until back), or refused as too large. A polite live
 * region: screen readers hear the state when it changes (its hint is the description).
 */
export function ConnectionBadge({ connection, saved, typing = false, readOnly }: { connection: Connection; saved: boolean; typing?: boolean; readOnly: boolean }) {
  const { t } = useTranslation();
  const [cls, icon, text, hint] =
    connection === 'removed' || connection === 'signedOut' ? ['off', <Lock size={13} />, t(`connection.${connection}`), t(`connection.${connection}Hint`)]
    : connection === 'offline' ? ['off', <CloudOff size={13} />, t('connection.offline'), t('connection.offlineHint')]
    : connection === 'tooLarge' ? ['off', <AlertTriangle size={13} />, t('connection.tooLarge'), t('connection.tooLargeHint')]
    : connection === 'reconnecting' ? ['warn', <RefreshCw size={13} className="spin" />, t('connection.reconnecting'), t('connection.reconnectingHint')]
    : connection === 'connecting' ? ['warn', <Loader size={13} className="spin" />, t('connection.connecting'), '']
    : readOnly ? ['ok', <Check size={13} />, t('connection.live'), t('connection.liveHint')]
    : typing ? ['warn', <PenLine size={13} />, t('connection.typing'), t('connection.typingHint')]
    : saved ? ['ok', <Check size={13} />, t('connection.saved'), t('connection.savedHint')]
    : ['busy', <Loader size={13} className="spin" />, t('connection.saving'), t('connection.savingHint')];
  return (
    <span className={`conn conn-${cls}`} title={hint} role="status" aria-live="polite" aria-atomic="true"
      data-testid="connection" data-state={connection} data-saved={saved ? 'yes' : 'no'}>
      <span aria-hidden>{icon}</span>{text}
    </span>
  );
}
