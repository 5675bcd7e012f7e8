import { Trash2, UserPlus } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { api, canManage, roles, unwrap, type Role } from '../api.js';
import { Avatar } from '../components/Avatar.js';
import { useUser } from '../components/RequireAuth.js';
import { Spinner } from '../components/Spinner.js';
import { setCurrentSpace } from '../lib/currentSpace.js';
import { useMembers, useSpaces } from '../lib/data.js';
import { invalidate } from '../lib/query.js';
import { toast } from '../lib/toast.js';
import { useTitle } from '../lib/useTitle.js';
import { NotFoundPage } from './NotFoundPage.js';

const roleHelp: Record<Role, string> = {
  owner: 'Manages members and objectives',
  editor: 'Writes reports',
  commenter: 'Reads and comments',
  viewer: 'Reads only',
};

/** `/s/:spaceId/members`: everyone sees who is in the space; owners add, re-role and remove. */
export function MembersPage() {
  const { spaceId = '' } = useParams();
  const spaces = useSpaces();
  const members = useMembers(spaceId);
  const me = useUser();
  const space = spaces.data?.find((s) => s.id === spaceId);
  useEffect(() => { if (space) setCurrentSpace(space.id); }, [space]);
  useTitle('Members', space?.name);
  if (spaces.loading) return <div className="page-center"><Spinner /></div>;
  if (!space) return <NotFoundPage />;
  const isOwner = canManage(space.role);

  const act = async (fn: () => Promise<unknown>) => {
    let ok = true;
    try { await fn(); } catch (e) { ok = false; toast.error(e); }
    invalidate(`members:${spaceId}`);
    invalidate('spaces');
    return ok;
  };
  const setRole = (email: string, role: Role) =>
    act(() => unwrap(api.api.spaces[':spaceId'].members.$post({ param: { spaceId }, json: { email, role } })));
  const remove = (userId: string, name: string) =>
    window.confirm(`Remove ${name} from ${space.name}? They lose access to its reports.`) && act(() => unwrap(api.api.spaces[':spaceId'].members[':userId'].$delete({ param: { spaceId, userId } })));

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <div className="eyebrow">{space.name}</div>
          <h1>Members</h1>
        </div>
      </header>
      {isOwner && <AddMemberForm onAdd={(email, role) => setRole(email, role)} />}
      {members.loading && <Spinner />}
      <div className="member-list">
        {members.data?.map((m) => (
          <div key={m.userId} className="member-row">
            <Avatar id={m.userId} name={m.name} size={34} />
            <div className="grow">
              <div className="member-name">{m.name}{m.userId === me?.id && <span className="muted"> (you)</span>}</div>
              <div className="muted small">{m.email}</div>
            </div>
            {isOwner ? (
              <>
                <select className="select" value={m.role} aria-label={`Role of ${m.name}`} onChange={(e) => setRole(m.email, e.target.value as Role)}>
                  {roles.map((r) => <option key={r} value={r}>{r}</option>)}
                </select>
                <button className="icon-btn danger" title="Remove from space" aria-label={`Remove ${m.name}`} onClick={() => remove(m.userId, m.name)}><Trash2 size={15} /></button>
              </>
            ) : (
              <span className="role-tag" title={roleHelp[m.role]}>{m.role}</span>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

function AddMemberForm({ onAdd }: { onAdd: (email: string, role: Role) => Promise<boolean> }) {
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
      <UserPlus size={18} className="muted" />
      <input className="input grow" type="email" required placeholder="colleague@company.com" value={email} onChange={(e) => setEmail(e.target.value)} aria-label="Member email" />
      <select className="select" value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label="Member role">
        {roles.map((r) => <option key={r} value={r}>{r} — {roleHelp[r]}</option>)}
      </select>
      <button className="btn btn-primary" disabled={busy || !email.trim()}>Add member</button>
    </form>
  );
}
