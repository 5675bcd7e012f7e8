import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { authClient } from '../api.js';
import { Logo } from '../components/Logo.js';
import { errorText } from '../i18n/errors.js';
import { useTitle } from '../lib/useTitle.js';

/** Sign in and sign up share one card; better-auth's errors are shown by their code, in the interface's language. */
function AuthCard({ mode }: { mode: 'signin' | 'signup' }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = params.get('next') || '/';
  const navigate = useNavigate();
  const session = authClient.useSession();
  useTitle(mode === 'signin' ? t('auth.signIn') : t('auth.signUp'));
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (session.data) return <Navigate to={next} replace />;

  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await (mode === 'signup'
      ? authClient.signUp.email({ name: form.name.trim(), email: form.email.trim(), password: form.password })
      : authClient.signIn.email({ email: form.email.trim(), password: form.password })
    ).catch((err: unknown) => ({ error: err }));
    setBusy(false);
    if (res.error) return setError(errorText(res.error));
    navigate(next, { replace: true });
  };
  const other = mode === 'signin' ? 'signup' : 'signin';
  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit}>
        <Logo />
        <h1>{mode === 'signin' ? t('auth.welcomeBack') : t('auth.createAccount')}</h1>
        <p className="muted">{mode === 'signin' ? t('auth.signInIntro') : t('auth.signUpIntro')}</p>
        {mode === 'signup' && (
          <label className="field"><span>{t('auth.name')}</span>
            <input className="input" name="name" autoComplete="name" required value={form.name} onChange={set('name')} placeholder={t('auth.namePlaceholder')} />
          </label>
        )}
        <label className="field"><span>{t('auth.email')}</span>
          <input className="input" name="email" type="email" autoComplete="email" required value={form.email} onChange={set('email')} placeholder="you@company.com" />
        </label>
        <label className="field"><span>{t('auth.password')}</span>
          <input className="input" name="password" type="password" autoComplete={mode === 'signup' ? 'new-password' : 'current-password'} required minLength={8} value={form.password} onChange={set('password')} placeholder={t('auth.passwordPlaceholder')} />
        </label>
        {error && <div className="form-error" role="alert">{error}</div>}
        <button className="btn btn-primary btn-block" disabled={busy}>{mode === 'signin' ? t('auth.signIn') : t('auth.signUp')}</button>
        <p className="auth-switch muted">
          {mode === 'signin' ? t('auth.newHere') : t('auth.haveAccount')}{' '}
          <Link to={`/${other}${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>{mode === 'signin' ? t('auth.toSignUp') : t('auth.toSignIn')}</Link>
        </p>
      </form>
    </main>
  );
}

export const SignInPage = () => <AuthCard mode="signin" />;
export const SignUpPage = () => <AuthCard mode="signup" />;
