import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { authClient } from '../api.js';
import { Logo } from '../components/Logo.js';
import { useTitle } from '../lib/useTitle.js';

/** Sign in and sign up share one card; better-auth answers with its own `{message}` errors. */
function AuthCard({ mode }: { mode: 'signin' | 'signup' }) {
  const [params] = useSearchParams();
  const next = params.get('next') || '/';
  const navigate = useNavigate();
  const session = authClient.useSession();
  useTitle(mode === 'signin' ? 'Sign in' : 'Sign up');
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (session.data) return <Navigate to={next} replace />;

  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = mode === 'signup'
      ? await authClient.signUp.email({ name: form.name.trim(), email: form.email.trim(), password: form.password })
      : await authClient.signIn.email({ email: form.email.trim(), password: form.password });
    setBusy(false);
    if (res.error) return setError(res.error.message ?? 'Something went wrong.');
    navigate(next, { replace: true });
  };
  const other = mode === 'signin' ? 'signup' : 'signin';
  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={submit}>
        <Logo />
        <h1>{mode === 'signin' ? 'Welcome back' : 'Create your account'}</h1>
        <p className="muted">{mode === 'signin' ? "Sign in to write this week's report." : 'Weekly reports your team writes together, live.'}</p>
        {mode === 'signup' && (
          <label className="field"><span>Name</span>
            <input className="input" name="name" autoComplete="name" required value={form.name} onChange={set('name')} placeholder="王小明" />
          </label>
        )}
        <label className="field"><span>Email</span>
          <input className="input" name="email" type="email" autoComplete="email" required value={form.email} onChange={set('email')} placeholder="you@company.com" />
        </label>
        <label className="field"><span>Password</span>
          <input className="input" name="password" type="password" autoComplete={mode === 'signup' ? 'new-password' : 'current-password'} required minLength={8} value={form.password} onChange={set('password')} placeholder="At least 8 characters" />
        </label>
        {error && <div className="form-error" role="alert">{error}</div>}
        <button className="btn btn-primary btn-block" disabled={busy}>{mode === 'signin' ? 'Sign in' : 'Sign up'}</button>
        <p className="auth-switch muted">
          {mode === 'signin' ? 'New to Cadence?' : 'Already have an account?'}{' '}
          <Link to={`/${other}${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>{mode === 'signin' ? 'Create an account' : 'Sign in'}</Link>
        </p>
      </form>
    </div>
  );
}

export const SignInPage = () => <AuthCard mode="signin" />;
export const SignUpPage = () => <AuthCard mode="signup" />;
