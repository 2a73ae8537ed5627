// Web entry for /records/<id>#<token>, a record of attendance's verification link: POSTs the token from the fragment
// (it never reaches a server any other way) and shows the record's public fields, printable. Every way a link fails
// (wrong, turned off, deleted) gets the same answer from the API, and the same words here; too many tries from one
// place, and a failure to reach Signpost, each get their own. Each state is one heading and one message.
import { CPD_FORMAT_LABELS, hoursText, type CpdFormat, type PublicRecord } from '#functions/core/cpd.ts';
import { FEEDBACK_COLLECTED } from '#functions/core/cpd-words.ts';
import { RECORD_PAGES } from '#functions/core/paths.ts';
import { formatWhen } from '#functions/core/time.ts';
import { api, failureMessage, waitText } from './api.ts';
import { byId, h, setHeading } from './dom.ts';


const ID = /^\/records\/([a-z0-9]{26})\/?$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const id = ID.exec(location.pathname)?.[1];
// "#<token>", or "#token=<token>" should a link be written that way.
const fragment = location.hash.replace(/^#/, '').replace(/^token=/, '').trim();
const token = TOKEN.test(fragment) ? fragment : undefined;

const status = byId('page-status');
const problemBox = byId('record-problem');
const area = byId('record-area');

function problem(title: string, body: string, ...more: Node[]) {
  status.textContent = '';
  area.hidden = true;
  problemBox.replaceChildren(h('div', { class: 'notice notice-warning', role: 'alert' }, h('p', {}, body), ...more));
  problemBox.hidden = false;
  setHeading(title);
}

const notShown = () =>
  problem("This record can't be shown", "This record can't be shown: the link may be wrong or turned off. Ask the person who gave it to you for the link again.");

const fact = (term: string, value: string) => [h('dt', {}, term), h('dd', {}, value)];
const issuedDay = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));

function show(record: PublicRecord) {
  const format = record.format && record.format in CPD_FORMAT_LABELS ? CPD_FORMAT_LABELS[record.format as CpdFormat] : undefined;
  byId('record-lead').textContent = `${record.name} attended “${record.title}”${record.networkName ? `, a meetup of ${record.networkName}` : ''}.`;
  byId('record-facts').replaceChildren(
    ...fact('Name', record.name),
    ...fact('Meetup', record.title),
    ...(record.networkName ? fact('Network', record.networkName) : []),
    ...(record.organisers.length ? fact(record.organisers.length === 1 ? 'Organiser' : 'Organisers', record.organisers.join(', ')) : []),
    ...fact('When', formatWhen(record.startUtc, record.endUtc, record.timezone)),
    ...(format ? fact('Format', format) : []),
    ...fact('CPD hours', hoursText(record.quarters)),
    ...(record.feedbackCollected ? fact('Evaluation', FEEDBACK_COLLECTED) : []),
    ...fact('Issued', issuedDay(record.issuedAt)),
    ...fact('Record id', record.id),
  );
  const list = (section: string, items: string[]) => {
    byId(section).hidden = !items.length;
    byId(`${section}-list`).replaceChildren(...items.map((i) => h('li', {}, i)));
  };
  list('record-outcomes', record.outcomes);
  list('record-areas', record.areas.map((a) => a.name));
  problemBox.replaceChildren();
  problemBox.hidden = true;
  area.hidden = false;
  setHeading(`Record of attendance: ${record.title}`);
}

async function load() {
  if (!id || !token) return notShown();
  // One voice at a time: a retry's earlier problem goes while the record is checked again.
  problemBox.hidden = true;
  problemBox.replaceChildren();
  status.textContent = 'Checking the record…';
  const result = await api<PublicRecord>('POST', RECORD_PAGES.verify(id), { token });
  status.textContent = '';
  if (result.ok) return show(result.data);
  if (result.status === 404 || result.status === 400) return notShown();
  if (result.status === 429) {
    const wait = result.retryAfterSeconds === undefined ? 'a while' : waitText(result.retryAfterSeconds);
    return problem('Too many tries just now', `Too many record links have been tried from this connection. Please wait ${wait}, then reload this page.`);
  }
  const again = h('button', { type: 'button', class: 'button button-secondary' }, 'Try again');
  again.addEventListener('click', () => void load());
  problem('Something went wrong', failureMessage(result), h('p', {}, again));
}

byId('record-print').addEventListener('click', () => window.print());
window.addEventListener('hashchange', () => location.reload());
void load();
