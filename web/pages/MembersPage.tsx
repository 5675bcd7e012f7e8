import { Mail, Trash2, UserPlus } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, canManage, roles, unwrap, type Role } from '../api.js';
import { Avatar } from '../components/Avatar.js';
import { useUser } from '../components/RequireAuth.js';
import { PageSpinner, Spinner } from '../components/Spinner.js';
import { setCurrentSpace } from '../lib/currentSpace.js';
import { keys, useInvites, useMembers, useSpaces } from '../lib/data.js';
import { queryClient } from '../lib/queryClient.js';
import { toast } from '../lib/toast.js';
import { useTitle } from '../lib/useTitle.js';
import { NotFoundPage } from './NotFoundPage.js';
import { DeadlineSettings } from './space/DeadlineSettings.js';
import { useConfirm } from '../components/ConfirmDialog.js';

/** `/s/:spaceId/members`: everyone sees who is in the space; owners add, re-role and remove. */
export function MembersPage() {
  const { t } = useTranslation();
  const { spaceId = '' } = useParams();
  const spaces = useSpaces();
  const members = useMembers(spaceId);
  const me = useUser();
  const isOwnerHere = canManage(spaces.data?.find((s) => s.id === spaceId)?.role ?? null);
  const invites = useInvites(spaceId, isOwnerHere);
  const [confirm, confirmDialog] = useConfirm();
  const space = spaces.data?.find((s) => s.id === spaceId);
  useEffect(() => { if (space) setCurrentSpace(space.id); }, [space]);
  useTitle(t('members.title'), space?.name);
  if (spaces.isPending) return <PageSpinner />;
  if (!space) return <NotFoundPage />;
  const isOwner = canManage(space.role);

  const act = async (fn: () => Promise<unknown>) => {
    let ok = true;
    try { await fn(); toast.clearErrors(); } catch (e) { ok = false; toast.error(e); }
    void queryClient.invalidateQueries({ queryKey: keys.members(spaceId) });
    void queryClient.invalidateQueries({ queryKey: keys.invites(spaceId) });
    void queryClient.invalidateQueries({ queryKey: keys.spaces() });
    return ok;
  };
  const setRole = (email: string, role: Role) =>
    act(async () => {
      const added = await unwrap<{ invited: { email: string } } | { userId: string }>(api.api.spaces[':spaceId'].members.$post({ param: { spaceId }, json: { email, role } }));
      // No account uses the email yet: they are invited, and join when they sign up with it.
      if ('invited' in added) toast.info(t('members.invited', { email: added.invited.email }));
    });
  const revoke = (email: string) => act(() => unwrap(api.api.spaces[':spaceId'].invites[':email'].$delete({ param: { spaceId, email } })));
  const remove = async (userId: string, name: string) =>
    (await confirm({ message: t('members.removeConfirm', { name, space: space.name }), confirmLabel: t('members.remove'), danger: true })) && act(() => unwrap(api.api.spaces[':spaceId'].members[':userId'].$delete({ param: { spaceId, userId } })));

  return (
    <div className="page">
      {confirmDialog}
      <header className="page-head">
        <div>
          <div className="eyebrow">{space.name}</div>
          <h1>{t('members.title')}</h1>
        </div>
      </header>
      {/* Issue 15: the weekly deadline (owners set it). */}
      <DeadlineSettings spaceId={spaceId} canManage={isOwner} />
      {isOwner && <AddMemberForm onAdd={(email, role) => setRole(email, role)} />}
      {members.isPending && <Spinner />}
      <div className="member-list" role="list" aria-label={t('members.list')}>
        {members.data?.map((m) => (
          <div key={m.userId} className="member-row" role="listitem">
            <Avatar id={m.userId} name={m.name} size={34} />
            <div className="grow">
              <div className="member-name">{m.name}{m.userId === me?.id && <span className="muted">{t('common.you')}</span>}</div>
              <div className="muted small">{m.email}</div>
            </div>
            {isOwner ? (
              <>
                <select className="select" value={m.role} aria-label={t('members.roleOf', { name: m.name })} onChange={(e) => setRole(m.email, e.target.value as Role)}>
                  {roles.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
                </select>
                <button className="icon-btn danger" title={t('members.remove')} aria-label={t('members.removeNamed', { name: m.name })} onClick={() => remove(m.userId, m.name)}><Trash2 size={15} aria-hidden /></button>
              </>
            ) : (
              <span className="role-tag" title={t(`roleHelp.${m.role}`)}>{t(`roles.${m.role}`)}</span>
            )}
          </div>
        ))}
      </div>
      {isOwner && !!invites.data?.length && (
        <>
          <h2 className="section-title">{t('members.invitesTitle')}</h2>
          <div className="member-list" role="list" aria-label={t('members.invitesTitle')} data-testid="invites">
            {invites.data.map((i) => (
              <div key={i.email} className="member-row" role="listitem">
                <Mail size={20} className="muted" aria-hidden />
                <div className="grow">
                  <div className="member-name">{i.email}</div>
                  <div className="muted small">{t('members.invitedHint')}</div>
                </div>
                <span className="role-tag">{t(`roles.${i.role}`)}</span>
                <button className="icon-btn danger" title={t('members.revoke')} aria-label={t('members.revokeNamed', { email: i.email })} onClick={() => revoke(i.email)}><Trash2 size={15} aria-hidden /></button>
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function AddMemberForm({ onAdd }: { onAdd: (email: string, role: Role) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const added = await onAdd(email.trim(), role);
    setBusy(false);
    if (added) setEmail('');
  };
  return (
    <form className="card add-member" onSubmit={submit}>
      <UserPlus size={18} className="muted" aria-hidden />
      <input className="input grow" type="email" required placeholder={t('members.emailPlaceholder')} value={email} onChange={(e) => setEmail(e.target.value)} aria-label={t('members.email')} />
      <select className="select" value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label={t('members.role')}>
        {roles.map((r) => <option key={r} value={r}>{t(`roles.${r}`)} — {t(`roleHelp.${r}`)}</option>)}
      </select>
      <button className="btn btn-primary" disabled={busy || !email.trim()}>{t('members.add')}</button>
    </form>
  );
}
