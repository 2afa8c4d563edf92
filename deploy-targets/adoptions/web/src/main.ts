import './style.css';
import { ApiError, createApiClient, type Session } from './api-client.ts';
import { apiUrl } from './config.ts';
import { h } from './dom.ts';
import { sessionStore } from './session-store.ts';
import { adoptionRequestsView } from './views/adoption-requests.ts';
import { animalsView } from './views/animals.ts';
import { signInView } from './views/sign-in.ts';
import { signUpView } from './views/sign-up.ts';
import { pendingAccountsView } from './views/accounts.ts';
import { documentsView } from './views/documents.ts';
import { adoptersView } from './views/adopters.ts';

const app = document.querySelector<HTMLElement>('#app')!;
const who = document.querySelector<HTMLElement>('#who')!;
let session: Session | undefined = sessionStore.load();
const api = createApiClient(apiUrl, { token: () => session?.token });

function forget(): void {
  session = undefined;
  sessionStore.clear();
  void render();
}

// Ends the session on the server too, so the token stops working; forgets it here whatever happens.
async function signOut(): Promise<void> {
  await api.signOut().catch((e: unknown) => {
    if (!(e instanceof ApiError)) throw e;
  });
  forget();
}

async function render(): Promise<void> {
  who.replaceChildren();
  if (!session) {
    app.replaceChildren(
      signInView(api, (s) => {
        session = s;
        sessionStore.save(s);
        void render();
      }),
      signUpView(api),
    );
    return;
  }
  const current = session;
  who.append(`${current.account.name} (${current.account.role}) `, h('button', { type: 'button', onclick: () => void signOut() }, 'Sign out'));
  app.replaceChildren(h('p', {}, 'Loading…'));
  try {
    const canManageAccounts = current.account.permissions.includes('accounts.manage');
    const [animals, adopters, requests, documents, pending] = await Promise.all([
      api.listAnimals(),
      api.listAdopters(),
      api.listAdoptionRequests(),
      api.listDocuments(),
      canManageAccounts ? api.listPendingAccounts() : Promise.resolve([]),
    ]);
    const rerender = () => void render();
    app.replaceChildren(
      ...(canManageAccounts ? [pendingAccountsView(api, pending, rerender)] : []),
      adoptionRequestsView(api, requests, current.account.permissions, rerender),
      animalsView(api, animals, current.account.permissions, rerender),
      adoptersView(api, adopters, animals, current.account.permissions, rerender),
      documentsView(api, documents, rerender),
    );
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 401) return forget();
    app.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.message));
  }
}

void render();
