// The NOC console: plain DOM, no build step. Everything shown is set with textContent, never parsed as HTML,
// because incident titles, notes and alarm summaries come from outside.
'use strict';

const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];
const main = document.getElementById('main');
const statusLine = document.getElementById('status');
const whoLine = document.getElementById('who');
const toastBox = document.getElementById('toast');
const listeners = new Set();
let caller = null;

// ---- small helpers ----------------------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children.flat()) if (c) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function token() { return sessionStorage.getItem('correlation-token'); }

function headers(extra) {
  const result = Object.assign({ 'Accept': 'application/json' }, extra || {});
  if (token()) result['Authorization'] = 'Bearer ' + token();
  return result;
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({ cache: 'no-store' }, options, { headers: headers(options && options.headers) }));
  if (response.status === 401) { showLogin('Your token was not accepted.'); throw new Error('unauthorized'); }
  return response;
}

async function getJson(path) {
  const response = await api(path);
  if (!response.ok) throw new Error(path + ': ' + response.status);
  return response.json();
}

/** Posts an action; shows what the API said (a problem's detail on refusal). */
async function act(path, body, done) {
  let response;
  try {
    response = await api(path, { method: 'POST', body: JSON.stringify(body || {}), headers: { 'Content-Type': 'application/json' } });
  } catch (e) { return false; }
  if (response.ok) { toast('Done: ' + path.split('/').pop() + ' accepted'); if (done) done(); return true; }
  let text = response.status + '';
  try { const problem = await response.json(); text = problem.detail || problem.title || text; } catch (e) { /* not JSON */ }
  toast(text, true);
  return false;
}

function toast(text, error) {
  toastBox.textContent = text;
  toastBox.className = 'toast' + (error ? ' error' : '');
  toastBox.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { toastBox.hidden = true; }, error ? 8000 : 3000);
}

function time(value) {
  if (!value) return '';
  const d = new Date(value);
  return d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/**
 * Remembers what the operator typed or chose in the fields (by id) under root, and returns a function that puts it
 * back, with the focus and caret, after root is redrawn: a page redrawn by every event of a busy incident must not
 * wipe a half-typed reason or note.
 */
function keepTyped(root) {
  const values = [...root.querySelectorAll('input[id], select[id], textarea[id]')].map(el => [el.id, el.type === 'checkbox' ? el.checked : el.value]);
  const active = document.activeElement;
  const focus = active && active.id && root.contains(active) ? { id: active.id, start: active.selectionStart, end: active.selectionEnd } : null;
  return () => {
    for (const [id, value] of values) {
      const el = document.getElementById(id);
      if (!el || !root.contains(el)) continue;
      if (el.type === 'checkbox') el.checked = value; else el.value = value;
    }
    const el = focus && document.getElementById(focus.id);
    if (el && root.contains(el)) {
      el.focus();
      try { if (focus.start !== null && focus.start !== undefined) el.setSelectionRange(focus.start, focus.end); } catch (e) { /* not a text field */ }
    }
  };
}

/** Empties the reason field once an action that used it was accepted. */
function clearReason() { const reason = document.getElementById('action-reason'); if (reason) reason.value = ''; }

function prio(p) { return h('span', { class: 'prio ' + (p || 'none') }, p || '…'); }

function canAct() { return caller && (caller.role === 'Operator' || caller.role === 'Admin'); }
function isAdmin() { return caller && caller.role === 'Admin'; }

function debounce(fn, ms) {
  let timer = null;
  return () => { if (timer) return; timer = setTimeout(() => { timer = null; fn(); }, ms); };
}

// ---- sign-in ----------------------------------------------------------------------------------------------

async function whoAmI() {
  const response = await fetch('/api/v1/me', { headers: headers(), cache: 'no-store' });
  if (!response.ok) return null;
  return response.json();
}

function showLogin(message) {
  caller = null;
  whoLine.textContent = '';
  const input = h('input', { type: 'password', id: 'token', autocomplete: 'off', size: 40 });
  main.replaceChildren(h('div', { class: 'card login' },
    h('h1', null, 'Sign in'),
    h('p', { class: 'muted' }, message || 'This console needs an API token (ask an admin).'),
    h('form', { onsubmit: async e => { e.preventDefault(); sessionStorage.setItem('correlation-token', input.value.trim()); await start(); } },
      input, ' ', h('button', { class: 'primary', type: 'submit' }, 'Sign in'))));
}

// ---- the live stream --------------------------------------------------------------------------------------

/**
 * Reads the incident stream with fetch rather than EventSource, so the token goes in a header (never in a URL,
 * where proxies log it), and resumes from the last event id after a drop.
 */
async function stream() {
  let last = null;
  for (;;) {
    try {
      const extra = last ? { 'Last-Event-ID': last, 'Accept': 'text/event-stream' } : { 'Accept': 'text/event-stream' };
      const response = await fetch('/api/v1/incidents/stream', { headers: headers(extra), cache: 'no-store' });
      if (response.status === 401 || response.status === 403) { statusLine.textContent = 'not allowed to stream'; return; }
      statusLine.textContent = 'live'; statusLine.className = 'status live';
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = { id: null, type: 'message', data: '' };
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.type = line.slice(7);
            else if (line.startsWith('data: ')) event.data += line.slice(6);
          }
          if (event.id) last = event.id;
          if (event.data) { for (const l of listeners) l(event); }
        }
      }
    } catch (e) { /* dropped: reconnect below */ }
    statusLine.textContent = 'reconnecting…'; statusLine.className = 'status';
    await new Promise(r => setTimeout(r, 2000));
  }
}

function incidentOf(event) {
  try {
    const data = JSON.parse(event.data);
    if (data.incidentId) return data.incidentId;
    if (data.incident && data.incident.incidentId) return data.incident.incidentId;
    if (data.to && data.from) return [data.from.incidentId, data.to.incidentId];
  } catch (e) { /* not JSON */ }
  return null;
}

// ---- incident list ----------------------------------------------------------------------------------------

async function incidentsPage() {
  const state = h('select', { id: 'filter-state' }, ['open', 'resolved', 'merged', 'all'].map(s => h('option', { value: s }, s)));
  const site = h('input', { id: 'filter-site', placeholder: 'site', size: 10 });
  const team = h('input', { id: 'filter-team', placeholder: 'team', size: 10 });
  const summary = h('span', { class: 'muted', id: 'summary' });
  const body = h('tbody', { id: 'rows' });
  main.replaceChildren(
    h('h1', null, 'Incidents'),
    h('div', { class: 'toolbar' }, 'State ', state, site, team, summary),
    h('table', null,
      h('thead', null, h('tr', null, ['Priority', 'Incident', 'Site', 'State', 'Severity', 'Storm size', 'Alarms', 'Team / routed to', 'Acknowledged', 'Updated'].map(t => h('th', null, t)))),
      body));
  const flashed = new Set();
  const refresh = async () => {
    const q = new URLSearchParams({ limit: '500' });
    if (state.value !== 'all') q.set('state', state.value);
    if (site.value.trim()) q.set('site', site.value.trim());
    if (team.value.trim()) q.set('team', team.value.trim());
    let incidents;
    try { incidents = await getJson('/api/v1/incidents?' + q); } catch (e) { return; }
    // By priority (P1 first, untriaged last), then newest first.
    incidents.sort((a, b) => (PRIORITIES.indexOf(a.priority) + 1 || 9) - (PRIORITIES.indexOf(b.priority) + 1 || 9)
      || new Date(b.openedAt) - new Date(a.openedAt));
    body.replaceChildren(...incidents.map(i => {
      const tr = h('tr', { class: 'row ' + i.state + (flashed.has(i.id) ? ' flash' : ''), 'data-id': i.id, 'data-priority': i.priority || '',
        onclick: () => { location.hash = '#/incident/' + i.id; } },
        h('td', null, prio(i.priority)),
        h('td', null, h('a', { href: '#/incident/' + i.id, class: 'title' }, i.title), i.watched ? ' ★' : '',
          i.probableCause ? h('div', { class: 'small muted' }, 'probable cause: ' + i.probableCause) : null),
        h('td', null, i.site || ''),
        h('td', null, i.state),
        h('td', null, i.severity),
        h('td', { class: 'storm' }, i.memberCount + (i.activeMemberCount !== i.memberCount ? ' (' + i.activeMemberCount + ' firing)' : '')),
        h('td', null, i.alarmCount),
        h('td', { class: 'small' }, [...i.teams, ...i.destinations].join(', ')),
        h('td', { class: 'small' }, i.acknowledgedBy ? i.acknowledgedBy : '—'),
        h('td', { class: 'small' }, time(i.updatedAt)));
      return tr;
    }));
    flashed.clear();
    const counts = PRIORITIES.map(p => p + ': ' + incidents.filter(i => i.priority === p).length).join('  ');
    summary.textContent = incidents.length + ' incident(s)  ' + counts;
  };
  const soon = debounce(refresh, 250);
  const listener = e => { const id = incidentOf(e); if (typeof id === 'string') flashed.add(id); soon(); };
  listeners.add(listener);
  for (const input of [state, site, team]) input.addEventListener('change', refresh);
  await refresh();
  return () => listeners.delete(listener);
}

// ---- one incident -----------------------------------------------------------------------------------------

async function incidentPage(id) {
  const container = h('div', { id: 'incident', 'data-id': id });
  main.replaceChildren(container);
  const selected = new Set();
  const explanations = new Map();
  const render = async () => {
    let detail, timeline;
    try {
      const response = await api('/api/v1/incidents/' + id);
      if (response.status === 404) { container.replaceChildren(h('h1', null, 'No such incident'), h('a', { href: '#/' }, 'Back to the list')); return; }
      detail = await response.json();
      timeline = await getJson('/api/v1/incidents/' + id + '/timeline?limit=500');
    } catch (e) { return; }
    const i = detail.incident;
    const restoreTyped = keepTyped(container);
    container.replaceChildren(
      h('div', { class: 'small' }, h('a', { href: '#/' }, '← incidents')),
      h('h1', null, prio(i.priority), ' ', h('span', { id: 'incident-title' }, i.title)),
      h('div', { class: 'muted' },
        h('span', { id: 'incident-state' }, i.state), ' · ', i.severity, ' · ', i.site || 'no site', ' · storm size ', h('strong', null, i.memberCount),
        ' (' + i.activeMemberCount + ' firing) · ', i.alarmCount + ' alarms · opened ' + time(i.openedAt),
        i.category ? ' · ' + i.category : '', i.watched ? ' · watched' : ''),
      h('div', { id: 'ack-status', class: 'small' }, i.acknowledgedBy ? 'Acknowledged by ' + i.acknowledgedBy + ' at ' + time(i.acknowledgedAt) : 'Not acknowledged'),
      i.priorityReason ? h('div', { class: 'small muted' }, 'Priority: ' + i.priorityReason) : null,
      actions(i, detail, selected, render),
      h('div', { class: 'grid' },
        h('div', null,
          members(detail, selected, explanations, render),
          h('h2', null, 'Timeline'),
          h('div', { class: 'card timeline' }, h('ul', { id: 'timeline' }, timeline.slice().reverse().map(e =>
            h('li', null, h('span', { class: 'muted small' }, time(e.at) + ' '), h('strong', null, e.type), ' ', e.summary, e.by ? h('span', { class: 'muted' }, ' — ' + e.by) : null))))),
        h('div', null, team(detail), checklist(detail, render), channels(detail), history(detail), rootCause(detail), similar(detail), impact(detail))));
    restoreTyped();
    if (!explanations.has('incident')) {
      explanations.set('incident', null);
      try {
        const response = await api('/api/v1/incidents/' + id + '/explanations');
        explanations.set('incident', response.ok ? await response.json() : null);
      } catch (e) { /* explanations are the correlator's; the console works without */ }
    }
  };
  const soon = debounce(render, 300);
  const listener = e => { const ids = [].concat(incidentOf(e) || []); if (ids.includes(id)) soon(); };
  listeners.add(listener);
  await render();
  return () => listeners.delete(listener);
}

function actions(i, detail, selected, render) {
  if (!canAct()) return h('div', { class: 'toolbar muted' }, 'Read only (' + (caller ? caller.role : 'no role') + ')');
  const base = '/api/v1/incidents/' + i.id + '/';
  const reason = h('input', { id: 'action-reason', placeholder: 'reason', size: 28 });
  const force = h('input', { type: 'checkbox', id: 'resolve-force' });
  const target = h('input', { id: 'target-incident', placeholder: 'other incident id', size: 38 });
  return h('div', { class: 'card' },
    h('div', { class: 'toolbar' },
      h('button', { class: 'primary', id: 'acknowledge', disabled: i.state !== 'Open',
        onclick: () => act(base + 'acknowledge', {}, render) }, 'Acknowledge'),
      h('button', { id: 'resolve', disabled: i.state !== 'Open',
        onclick: () => act(base + 'resolve', { force: force.checked, reason: reason.value || null }, () => { clearReason(); render(); }) }, 'Resolve'),
      h('label', { class: 'small' }, force, ' force'),
      h('button', { id: 'reopen', disabled: i.state !== 'Resolved', onclick: () => act(base + 'reopen', { reason: reason.value || null }, () => { clearReason(); render(); }) }, 'Reopen'),
      h('button', { id: 'confirm-grouping', onclick: () => act(base + 'confirm-grouping', { reason: reason.value || null }, clearReason) }, 'Grouping is right'),
      reason),
    h('div', { class: 'toolbar' },
      h('button', { id: 'split', onclick: () => act(base + 'split', { fingerprints: [...selected], reason: reason.value || null }, () => { selected.clear(); clearReason(); render(); }) },
        'Split selected out'),
      h('button', { id: 'move', onclick: () => act(base + 'move', { to: target.value.trim(), fingerprints: [...selected], reason: reason.value || null }, () => { selected.clear(); clearReason(); render(); }) },
        'Move selected to'),
      h('button', { id: 'merge', onclick: () => act(base + 'merge', { sources: target.value.split(',').map(s => s.trim()).filter(Boolean), reason: reason.value || null }, () => { clearReason(); render(); }) },
        'Merge into this'),
      target),
    noteForm(base, render));
}

function noteForm(base, render) {
  const text = h('input', { id: 'note-text', placeholder: 'note', size: 40 });
  const kind = h('select', { id: 'channel-kind' }, ['chat', 'bridge', 'vendorTicket'].map(k => h('option', { value: k }, k)));
  const ref = h('input', { id: 'channel-reference', placeholder: '#channel, https://…, ticket', size: 24 });
  const fn = h('input', { id: 'function-name', placeholder: 'incident-coordinator', size: 18 });
  const who = h('input', { id: 'function-assignee', placeholder: 'person', size: 12 });
  return h('div', { class: 'toolbar' },
    text, h('button', { id: 'add-note', onclick: () => act(base + 'notes', { text: text.value }, () => { text.value = ''; render(); }) }, 'Add note'),
    kind, ref, h('button', { id: 'link-channel', onclick: () => act(base + 'channels', { kind: kind.value, reference: ref.value }, render) }, 'Link'),
    fn, who, h('button', { id: 'assign-function', onclick: () => act(base + 'functions', { function: fn.value.trim(), assignee: who.value.trim() || null }, render) }, 'Assign'));
}

function members(detail, selected, explanations, render) {
  const rows = detail.alarms.map(a => {
    const box = h('input', { type: 'checkbox', class: 'member-select', 'data-fingerprint': a.fingerprint, checked: selected.has(a.fingerprint),
      onchange: e => { if (e.target.checked) selected.add(a.fingerprint); else selected.delete(a.fingerprint); } });
    const why = h('button', { class: 'why small', 'data-alarm': a.id, onclick: async () => {
      try {
        const response = await api('/api/v1/alarms/' + a.id + '/explanation');
        explanations.set(a.id, response.ok ? JSON.stringify(await response.json(), null, 2) : 'No explanation recorded (' + response.status + ').');
      } catch (e) { explanations.set(a.id, 'The explanation could not be read.'); }
      render();
    } }, 'why?');
    const explained = explanations.get(a.id);
    return [h('tr', { 'data-fingerprint': a.fingerprint },
      h('td', null, box), h('td', null, a.resource), h('td', null, a.alarmType), h('td', null, a.severity), h('td', null, a.status),
      h('td', { class: 'small' }, a.summary), h('td', { class: 'small muted fingerprint' }, a.fingerprint), h('td', null, why)),
      explained ? h('tr', null, h('td', { colspan: 8 }, h('pre', { class: 'explain' }, explained))) : null];
  });
  return h('div', null,
    h('h2', null, 'Members (' + detail.alarms.length + ')'),
    // Scrolls sideways within its column rather than spilling under the cards beside it.
    h('div', { class: 'scroll-x' }, h('table', { id: 'members' },
      h('thead', null, h('tr', null, ['', 'Resource', 'Type', 'Severity', 'Status', 'Summary', 'Fingerprint', 'Explanation'].map(t => h('th', null, t)))),
      h('tbody', null, rows.flat()))));
}

function team(detail) {
  const t = detail.team;
  return h('div', { class: 'card', id: 'team' }, h('h2', null, 'Team'),
    t.functions.length ? h('ul', null, t.functions.map(f => h('li', null, h('strong', null, f.function), ': ', f.assignee || '(empty)', h('span', { class: 'muted small' }, ' set by ' + f.by))))
      : h('div', { class: 'muted' }, 'No functions assigned yet.'),
    h('div', { class: 'small' }, 'Owning teams: ' + (t.owningTeams.join(', ') || '—')),
    h('div', { class: 'small' }, 'Routed to: ' + (t.destinations.join(', ') || '—')));
}

function checklist(detail, render) {
  const plan = detail.plan;
  const base = '/api/v1/incidents/' + detail.incident.id + '/checklist';
  return h('div', { class: 'card', id: 'checklist' }, h('h2', null, 'Checklist' + (plan.template ? ' (' + plan.template + ')' : '')),
    plan.checklist.length ? h('ul', null, plan.checklist.map(c => h('li', null,
      h('input', { type: 'checkbox', checked: c.done, disabled: !canAct(),
        onchange: e => act(base, { change: e.target.checked ? 'tick' : 'untick', itemId: c.id }, render) }),
      ' ', c.text, c.done && c.doneBy ? h('span', { class: 'muted small' }, ' — ' + c.doneBy) : null)))
      : h('div', { class: 'muted' }, 'No action plan yet.'));
}

function channels(detail) {
  return h('div', { class: 'card', id: 'channels' }, h('h2', null, 'Channels'),
    detail.channels.length ? h('ul', null, detail.channels.map(c => h('li', null, c.kind + ': ',
      /^https?:\/\//i.test(c.reference) ? h('a', { href: c.reference, target: '_blank', rel: 'noopener noreferrer' }, c.label || c.reference) : c.reference)))
      : h('div', { class: 'muted' }, 'No channels linked.'));
}

function history(detail) {
  return h('div', { class: 'card', id: 'priority-history' }, h('h2', null, 'Priority history'),
    detail.priorityHistory.length ? h('ul', null, detail.priorityHistory.map(p => h('li', null, (p.previous || '—') + ' → ', prio(p.priority), ' ', p.reason,
      h('span', { class: 'muted small' }, ' ' + time(p.at))))) : h('div', { class: 'muted' }, 'Not triaged yet.'));
}

function rootCause(detail) {
  const base = '/api/v1/incidents/' + detail.incident.id + '/root-cause';
  const element = h('input', { id: 'rc-element', placeholder: 'element (link hull-microwave)' });
  const failure = h('input', { id: 'rc-failure', placeholder: 'failure type (fibre cut)' });
  const category = h('input', { id: 'rc-category', placeholder: 'cause category (third-party)' });
  const rc = detail.rootCause;
  return h('div', { class: 'card', id: 'root-cause' }, h('h2', null, 'Root cause'),
    rc ? h('div', null, rc.rootCause.element + ' — ' + rc.rootCause.failureType + ' (' + rc.rootCause.causeCategory + ')',
      h('div', { class: 'muted small' }, 'recorded by ' + rc.by)) : h('div', { class: 'muted' }, 'Not recorded.'),
    canAct() ? h('div', { class: 'toolbar' }, element, failure, category,
      h('button', { id: 'record-root-cause', onclick: () => act(base, { element: element.value, failureType: failure.value, causeCategory: category.value }) }, 'Record')) : null);
}

function similar(detail) {
  return h('div', { class: 'card', id: 'similar' }, h('h2', null, 'Similar incidents'),
    detail.plan.similar.length ? h('ul', null, detail.plan.similar.map(s => h('li', null, s.title + ' (' + Math.round(s.similarity * 100) + '%)',
      s.rootCause ? h('div', { class: 'small muted' }, 'root cause: ' + s.rootCause.element + ', ' + s.rootCause.failureType) : null)))
      : h('div', { class: 'muted' }, 'None found.'));
}

function impact(detail) {
  const i = detail.impact;
  if (!i) return null;
  const line = (label, list) => list && list.length ? h('div', { class: 'small' }, label + ': ' + list.join(', ')) : null;
  return h('div', { class: 'card', id: 'impact' }, h('h2', null, 'Impact'),
    line('Failed', i.failedElements), line('Services', i.services), line('Customers', i.customers), line('Cut off', i.cutOffDevices),
    line('Redundancy degraded', i.degradedRedundancyGroups), line('Redundancy exhausted', i.exhaustedRedundancyGroups));
}

// ---- maintenance ------------------------------------------------------------------------------------------

async function maintenancePage() {
  const list = h('tbody', { id: 'maintenance-rows' });
  const field = (id, placeholder, type) => h('input', { id, placeholder: placeholder || '', type: type || 'text' });
  const f = {
    id: field('mw-id', 'leeds-core-upgrade'), name: field('mw-name', 'Leeds core upgrade'), change: field('mw-change', 'CHG-1234'),
    sites: field('mw-sites', 'leeds, york'), devices: field('mw-devices', 'leeds-asw-03'), services: field('mw-services', 'payroll'),
    starts: field('mw-starts', '', 'datetime-local'), ends: field('mw-ends', '', 'datetime-local'),
  };
  const split = s => s.split(',').map(x => x.trim()).filter(Boolean);
  const iso = v => v ? new Date(v).toISOString() : null;
  const refresh = async () => {
    let windows;
    try { windows = await getJson('/api/v1/maintenance'); } catch (e) { return; }
    list.replaceChildren(...windows.map(m => h('tr', { 'data-id': m.window.id },
      h('td', null, m.window.id), h('td', null, m.window.name), h('td', null, m.window.changeReference || ''),
      h('td', { class: 'small' }, [...m.window.scope.sites, ...m.window.scope.devices, ...m.window.scope.services].join(', ')),
      h('td', { class: 'small' }, time(m.window.startsAt)), h('td', { class: 'small' }, time(m.window.endsAt)), h('td', { class: 'small' }, m.by),
      h('td', null, isAdmin() ? h('button', { class: 'danger', onclick: async () => {
        const response = await api('/api/v1/maintenance/' + encodeURIComponent(m.window.id), { method: 'DELETE' });
        toast(response.ok ? 'Cancelled ' + m.window.id : 'Cancel refused: ' + response.status, !response.ok);
        refresh();
      } }, 'Cancel') : null))));
  };
  main.replaceChildren(
    h('h1', null, 'Maintenance'),
    h('p', { class: 'muted' }, 'Windows scheduled here are sent to the router, which holds back paging for alarms in scope while they are open.'),
    h('table', null, h('thead', null, h('tr', null, ['Id', 'Name', 'Change', 'Scope', 'Starts', 'Ends', 'By', ''].map(t => h('th', null, t)))), list),
    isAdmin() ? h('div', { class: 'card' }, h('h2', null, 'Schedule a window'),
      h('div', { class: 'form' },
        'Id', f.id, 'Name', f.name, 'Change reference', f.change, 'Sites', f.sites, 'Devices', f.devices, 'Services', f.services,
        'Starts', f.starts, 'Ends', f.ends),
      h('div', { class: 'toolbar' }, h('button', { class: 'primary', id: 'schedule', onclick: async () => {
        const ok = await act('/api/v1/maintenance', {
          id: f.id.value.trim(), name: f.name.value.trim(), changeReference: f.change.value.trim() || null,
          scope: { sites: split(f.sites.value), devices: split(f.devices.value), services: split(f.services.value) },
          startsAt: iso(f.starts.value), endsAt: iso(f.ends.value),
        });
        if (ok) refresh();
      } }, 'Schedule'))) : h('p', { class: 'muted' }, 'Only admins schedule or cancel maintenance.'));
  await refresh();
  return null;
}

// ---- throughput -------------------------------------------------------------------------------------------

function chart(id, title, points, series, unit) {
  const width = 600, height = 180, left = 44, bottom = 20, top = 10;
  const values = series.flatMap(s => points.map(p => p[s.key]).filter(v => v !== null && v !== undefined));
  const max = Math.max(1, ...values);
  const x = i => left + (points.length <= 1 ? 0 : i * (width - left - 8) / (points.length - 1));
  const y = v => top + (height - top - bottom) * (1 - v / max);
  // A line through the minutes that have a value, and a dot on each (a lone minute still shows).
  const lines = series.flatMap((s, n) => {
    const pts = points.map((p, i) => p[s.key] === null || p[s.key] === undefined ? null : [x(i), y(p[s.key])]).filter(Boolean);
    const dots = points.length <= 180 ? pts.map(([px, py]) => svg('circle', { class: 's' + n, cx: px.toFixed(1), cy: py.toFixed(1), r: 2.5 })) : [];
    return pts.length ? [svg('polyline', { class: 's' + n, points: pts.map(([px, py]) => px.toFixed(1) + ',' + py.toFixed(1)).join(' '), 'stroke-width': 2 }), ...dots] : [];
  });
  const ticks = [0, max / 2, max].map(v => svg('text', { class: 'tick', x: 2, y: y(v) + 3 }, (Math.round(v * 10) / 10) + (unit || '')));
  const first = points.length ? new Date(points[0].minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
  const last = points.length ? new Date(points[points.length - 1].minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
  return h('div', { class: 'card chart', id },
    h('h2', null, title),
    svg('svg', { viewBox: '0 0 ' + width + ' ' + height, preserveAspectRatio: 'none', role: 'img', 'aria-label': title },
      svg('line', { class: 'axis', x1: left, y1: height - bottom, x2: width, y2: height - bottom }),
      svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: height - bottom }),
      ticks, svg('text', { class: 'tick', x: left, y: height - 4 }, first), svg('text', { class: 'tick', x: width - 40, y: height - 4 }, last), lines),
    h('div', { class: 'legend small' }, series.map((s, n) => h('span', null, h('i', { class: 's' + n }), s.label))));
}

/** Poison messages from every service: what failed where, newest first (the messages wait in the _error queues). */
async function deadLetters(card) {
  let page;
  try { page = await getJson('/api/v1/reports/dead-letters?limit=20'); } catch (e) { return; }
  card.replaceChildren(h('h2', null, 'Dead letters (' + page.total + ')'),
    page.items.length
      ? h('table', null, h('thead', null, h('tr', null, ['When', 'Queue', 'Consumer', 'Message', 'Failure'].map(t => h('th', null, t)))),
        h('tbody', null, page.items.map(d => h('tr', { class: 'dead-letter' },
          h('td', { class: 'small' }, time(d.at)), h('td', null, d.queue), h('td', { class: 'small' }, d.consumer),
          h('td', null, d.messageType + (d.count > 1 ? ' ×' + d.count : ''), h('div', { class: 'small muted' }, d.messageId || '')),
          h('td', null, h('div', null, d.error), h('div', { class: 'small muted' }, d.errorType + ' · ' + d.service))))))
      : h('div', { class: 'muted' }, 'No message has been given up on.'),
    page.total > page.items.length ? h('p', { class: 'small muted' }, 'The newest ' + page.items.length + ' of ' + page.total + ' shown; all of them through /api/v1/reports/dead-letters.') : null);
}

async function throughputPage() {
  const minutes = h('select', { id: 'minutes' }, [30, 60, 180, 720, 1440].map(m => h('option', { value: m, selected: m === 60 }, m + ' min')));
  const charts = h('div', { class: 'charts', id: 'charts' });
  const totals = h('div', { class: 'muted', id: 'totals' });
  const dead = h('div', { class: 'card', id: 'dead-letters' });
  main.replaceChildren(h('h1', null, 'Throughput'), h('div', { class: 'toolbar' }, 'Last ', minutes, totals), charts, dead);
  const refresh = async () => {
    await deadLetters(dead);
    let points;
    try { points = await getJson('/api/v1/reports/throughput?minutes=' + minutes.value); } catch (e) { return; }
    const alarms = points.reduce((a, p) => a + p.alarms, 0), incidents = points.reduce((a, p) => a + p.incidents, 0);
    totals.textContent = alarms + ' alarms in, ' + incidents + ' incidents out' + (incidents ? ', compression ' + (alarms / incidents).toFixed(1) + ':1' : '');
    charts.replaceChildren(
      chart('chart-alarms', 'Alarms in and incidents out (per minute)', points, [{ key: 'alarms', label: 'alarms in' }, { key: 'incidents', label: 'incidents out' }]),
      chart('chart-compression', 'Compression (alarms per incident)', points, [{ key: 'compression', label: 'alarms per incident' }]),
      chart('chart-latency', 'Latency from ingest to console', points, [{ key: 'latencyAvgMs', label: 'average' }, { key: 'latencyP95Ms', label: 'p95' }], ' ms'),
      chart('chart-backlog', 'Backlog', points, [{ key: 'open', label: 'open incidents' }, { key: 'unacknowledged', label: 'not acknowledged' }]));
  };
  minutes.addEventListener('change', refresh);
  const soon = debounce(refresh, 5000);
  listeners.add(soon);
  const timer = setInterval(refresh, 15000);
  await refresh();
  return () => { listeners.delete(soon); clearInterval(timer); };
}

// ---- patterns ---------------------------------------------------------------------------------------------

async function patternsPage() {
  const days = h('select', { id: 'days' }, [7, 30, 90, 365].map(d => h('option', { value: d, selected: d === 30 }, d + ' days')));
  const min = h('input', { id: 'min', type: 'number', min: 2, value: 3, size: 3 });
  const out = h('div', { id: 'patterns' });
  main.replaceChildren(h('h1', null, 'Recurring problems'), h('div', { class: 'toolbar' }, 'Resolved in the last ', days, ' seen at least ', min, ' times'), out);
  const table = (title, patterns) => h('div', { class: 'card' }, h('h2', null, title),
    patterns.length ? h('table', null, h('thead', null, h('tr', null, ['', 'Times', 'First', 'Last', 'Incidents'].map(t => h('th', null, t)))),
      h('tbody', null, patterns.map(p => h('tr', null, h('td', null, p.key), h('td', null, p.count), h('td', { class: 'small' }, time(p.first)),
        h('td', { class: 'small' }, time(p.last)), h('td', { class: 'small' }, p.incidents.map(i => i.title).join('; '))))))
      : h('div', { class: 'muted' }, 'Nothing recurs.'));
  const refresh = async () => {
    const from = new Date(Date.now() - days.value * 86400000).toISOString();
    let report;
    try { report = await getJson('/api/v1/reports/patterns?from=' + encodeURIComponent(from) + '&minOccurrences=' + (min.value || 3)); } catch (e) { return; }
    out.replaceChildren(h('p', { class: 'muted' }, report.resolvedIncidents + ' resolved incident(s), ' + report.withRootCause + ' with a recorded root cause.'),
      table('Elements', report.elements), table('Sites', report.sites), table('Root-cause categories', report.causeCategories));
  };
  days.addEventListener('change', refresh); min.addEventListener('change', refresh);
  await refresh();
  return null;
}

// ---- routing between pages --------------------------------------------------------------------------------

let leave = null;
async function route() {
  if (!caller) return;
  if (leave) { leave(); leave = null; }
  const hash = location.hash || '#/';
  for (const a of document.querySelectorAll('header nav a')) a.classList.toggle('active', a.getAttribute('href') === hash);
  const incident = /^#\/incident\/([0-9a-f-]{36})$/i.exec(hash);
  leave = incident ? await incidentPage(incident[1])
    : hash === '#/maintenance' ? await maintenancePage()
    : hash === '#/throughput' ? await throughputPage()
    : hash === '#/patterns' ? await patternsPage()
    : await incidentsPage();
}

let streaming = false;
async function start() {
  caller = await whoAmI();
  if (!caller) { showLogin(token() ? 'Your token was not accepted.' : null); return; }
  whoLine.textContent = caller.name + ' (' + caller.role.toLowerCase() + ')';
  if (!caller.anonymous) {
    whoLine.append(' ', h('button', { class: 'small', onclick: () => { sessionStorage.removeItem('correlation-token'); location.reload(); } }, 'sign out'));
  }
  if (!streaming) { streaming = true; stream(); }
  await route();
}

window.addEventListener('hashchange', route);
start();
