// @ts-check
/* global document, sessionStorage, fetch, FormData -- a browser script */
// The broker's client (the specification asks for one): log in, subscribe, publish, pull and
// acknowledge, against the broker that serves this page (same origin, so no CORS is involved).
// Text goes in with textContent only: payloads come from other users.

const KEY = 'broker.session';

/** @returns {{ token: string, username: string, role: string } | null} */
function session() {
  const text = sessionStorage.getItem(KEY);
  return text === null ? null : JSON.parse(text);
}

/** @param {string} id */
function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing #${id}`);
  return element;
}

/** @param {string} text */
function status(text) {
  const element = document.querySelector('[data-testid="status"]');
  if (element) element.textContent = text;
}

/**
 * One call to the broker; a refusal becomes an Error carrying the broker's own message.
 * @param {string} method @param {string} path @param {unknown} [body]
 */
async function call(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = {};
  const current = session();
  if (current) headers.Authorization = `Bearer ${current.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const answer = text === '' ? null : JSON.parse(text);
  if (!response.ok) {
    const fields = (answer?.fields ?? []).map((/** @type {{path: string, message: string}} */ f) => `${f.path}: ${f.message}`);
    throw new Error([`${response.status} ${answer?.error ?? response.statusText}`, ...fields].join('; '));
  }
  return answer;
}

function channel() {
  return encodeURIComponent(/** @type {HTMLInputElement} */ (byId('channel')).value.trim());
}

function show() {
  const current = session();
  byId('login').hidden = current !== null;
  byId('session').hidden = current === null;
  byId('whoami').textContent = current ? `${current.username} (${current.role})` : '';
}

/** @param {string} label @param {() => Promise<string>} action */
function onClick(label, action) {
  byId(label).addEventListener('click', () => {
    action().then(status, (/** @type {Error} */ error) => status(`${label}: ${error.message}`));
  });
}

byId('login').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.target);
  const data = new FormData(form);
  const username = String(data.get('username') ?? '');
  call('POST', '/token', { username, password: String(data.get('password') ?? '') }).then(
    (answer) => {
      sessionStorage.setItem(KEY, JSON.stringify({ token: answer.access_token, username, role: answer.role }));
      form.reset();
      show();
      status(`sesión iniciada como ${username}`);
    },
    (/** @type {Error} */ error) => status(`login: ${error.message}`),
  );
});

byId('logout').addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  byId('messages').replaceChildren();
  show();
  status('sesión cerrada');
});

onClick('subscribe', async () => {
  const queue = await call('POST', `/channels/${channel()}/subscribe`);
  return `suscrito a ${queue.channel} (cola ${queue.id})`;
});

onClick('publish', async () => {
  let payload;
  try {
    payload = JSON.parse(/** @type {HTMLTextAreaElement} */ (byId('payload')).value);
  } catch {
    throw new Error('el mensaje no es JSON válido');
  }
  const published = await call('POST', `/channels/${channel()}/messages`, { payload });
  return `publicado ${published.message_id} en ${published.queued} cola(s)`;
});

onClick('pull', async () => {
  const { messages } = await call('POST', `/channels/${channel()}/pull`, { max_messages: 10 });
  const list = byId('messages');
  for (const message of messages) {
    const item = document.createElement('li');
    item.dataset.testid = 'message';
    item.dataset.messageId = message.message_id;
    item.textContent = `${JSON.stringify(message.payload)} · intento ${message.attempt}`;
    list.append(item);
  }
  const ackNow = /** @type {HTMLInputElement} */ (byId('ack')).checked && messages.length > 0;
  if (ackNow) await call('POST', `/channels/${channel()}/ack`, { receipts: messages.map((/** @type {{receipt: string}} */ m) => m.receipt) });
  return `${messages.length} mensaje(s) recibido(s)${ackNow ? ' y confirmado(s)' : ''}`;
});

show();
