import './style.css';
import { ApiError, createApiClient, type Session } from './api-client.ts';
import { apiUrl } from './config.ts';
import { h } from './dom.ts';
import { sessionStore } from './session-store.ts';
import { adoptionRequestsView } from './views/adoption-requests.ts';
import { animalsView } from './views/animals.ts';
import { signInView } from './views/sign-in.ts';

const app = document.querySelector<HTMLElement>('#app')!;
const who = document.querySelector<HTMLElement>('#who')!;
let session: Session | undefined = sessionStore.load();
const api = createApiClient(apiUrl, { token: () => session?.token });

function signOut(): void {
  session = undefined;
  sessionStore.clear();
  render();
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
    );
    return;
  }
  const current = session;
  who.append(`${current.account.name} (${current.account.role}) `, h('button', { type: 'button', onclick: signOut }, 'Sign out'));
  app.replaceChildren(h('p', {}, 'Loading…'));
  try {
    const [animals, requests] = await Promise.all([api.listAnimals(), api.listAdoptionRequests()]);
    app.replaceChildren(
      adoptionRequestsView(api, requests, current.account.permissions, () => void render()),
      animalsView(animals),
    );
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 401) return signOut();
    app.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.message));
  }
}

void render();
