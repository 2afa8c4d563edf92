import './style.css';
import { ApiError, createApiClient, type Session } from './api-client.ts';
import { apiUrl } from './config.ts';
import { h } from './dom.ts';
import { signedInPage } from './pages.ts';
import { parseRoute, routeHash, type Route } from './router.ts';
import { sessionStore } from './session-store.ts';
import { navView } from './views/nav.ts';
import type { PageContext } from './views/page-context.ts';
import { forgotPasswordView, resetPasswordView } from './views/password-reset.ts';
import { signInView } from './views/sign-in.ts';
import { signUpView } from './views/sign-up.ts';

const app = document.querySelector<HTMLElement>('#app')!;
const who = document.querySelector<HTMLElement>('#who')!;
const nav = document.querySelector<HTMLElement>('#nav')!;
let session: Session | undefined = sessionStore.load();
const api = createApiClient(apiUrl, { token: () => session?.token });
/** Each render gets a number; a slower, older render never overwrites a newer one. */
let renders = 0;
/** What the last action did, shown above the page it redrew. */
let notice: string | undefined;

function remember(s: Session | undefined): void {
  session = s;
  if (s) sessionStore.save(s);
  else sessionStore.clear();
}

// Ends the session on the server too, so the token stops working; forgets it here whatever happens.
async function signOut(): Promise<void> {
  await api.signOut().catch((e: unknown) => {
    if (!(e instanceof ApiError)) throw e;
  });
  remember(undefined);
  go({ page: 'requests' });
}

function go(route: Route, message?: string): void {
  notice = message;
  const hash = routeHash(route);
  if (window.location.hash === hash) void render();
  else window.location.hash = hash;
}

function signedOut(route: Route): HTMLElement[] {
  if (route.page === 'reset-password') return [resetPasswordView(api, route.code)];
  const signedIn = (s: Session) => {
    remember(s);
    void render();
  };
  return [signInView(api, signedIn), forgotPasswordView(api), signUpView(api)];
}

async function render(): Promise<void> {
  const mine = ++renders;
  const route = parseRoute(window.location.hash);
  who.replaceChildren();
  nav.replaceChildren();
  if (!session) {
    app.replaceChildren(...signedOut(route));
    return;
  }
  const current = session;
  who.append(
    `${current.account.name} (${current.account.role}) `,
    h('button', { type: 'button', onclick: () => void signOut() }, 'Sign out'),
  );
  nav.append(navView(route, current.account.permissions));
  const ctx: PageContext = {
    api,
    account: current.account,
    can: (permission) => current.account.permissions.includes(permission),
    refresh: (message) => {
      notice = message;
      void render();
    },
    go,
  };
  const reloadAccount = async (message: string) => {
    remember({ ...current, account: await api.me() });
    ctx.refresh(message);
  };
  try {
    const page = await signedInPage(ctx, route, reloadAccount);
    if (mine !== renders) return;
    app.replaceChildren(...(notice ? [h('p', { role: 'status', class: 'notice' }, notice)] : []), page);
    notice = undefined;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 401) {
      remember(undefined);
      return void render();
    }
    if (mine === renders) app.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.message));
  }
}

window.addEventListener('hashchange', () => void render());
void render();
