/*
 * Council Chat resident web-chat widget, v1.
 * Embed with: <script src="https://CHAT-HOST/webchat/v1/widget.js" async data-title="Ask us"></script>
 * Optional data attributes: data-title, data-council, data-primary-colour, data-position="right|left".
 * Speaks the resident protocol in docs/chat-protocol.md (STOMP 1.2 over a plain WebSocket).
 * Server data is only ever written with textContent / text nodes, never as HTML.
 */
(() => {
  'use strict';
  if (window.CouncilChat) return;

  // ---- Where we were loaded from -----------------------------------------------------------
  const RE = /\/webchat\/v1\/widget\.js(?:[?#].*)?$/;
  let me = document.currentScript; // only valid now, while this script first runs
  if (!me || !RE.test(me.src || '')) {
    me = null;
    const all = document.getElementsByTagName('script');
    for (let i = all.length - 1; i >= 0 && !me; i--) if (RE.test(all[i].src || '')) me = all[i];
  }
  if (!me) return;
  const doc = document;
  const base = me.src.replace(RE, ''); // e.g. https://chat.example.gov.uk
  const WS_URL = base.replace(/^http/i, 'ws') + '/webchat/v1/ws'; // http -> ws, https -> wss
  const cfg = me.dataset;
  const MAX = 2000;
  const CLOSED = 'CLOSED';

  // ---- sessionStorage (may be unavailable) --------------------------------------------------
  const P = 'councilChat.';
  const get = k => { try { return sessionStorage.getItem(P + k); } catch (e) { return null; } };
  const put = (k, v) => {
    try { v == null ? sessionStorage.removeItem(P + k) : sessionStorage.setItem(P + k, v); } catch (e) { /* ignore */ }
  };

  // ---- Tiny DOM helper: attributes via setAttribute, text via text nodes only ----------------
  const el = (tag, attrs, kids) => {
    const e = doc.createElement(tag);
    for (const k in attrs || {}) {
      const v = attrs[k];
      if (v == null || v === false) continue;
      if (k === 'text') e.textContent = v;
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    (kids || []).forEach(c => { if (c) e.append(c); }); // strings become text nodes
    return e;
  };
  const vh = t => el('span', { class: 'cc-vh', text: t });
  const arr = x => (Array.isArray(x) ? x : []);
  // Link URLs: only https:// or site-relative (not protocol-relative); relative ones are the chat server's.
  const safe = u => typeof u === 'string' && (/^https:\/\//i.test(u) || /^\/(?![/\\])/.test(u));
  const abs = u => new URL(u, base + '/').href;

  // ---- Theme ------------------------------------------------------------------------------
  const root = el('div', { id: 'council-chat', class: 'cc-root' + (cfg.position === 'left' ? ' cc-left' : '') });
  root.style.display = 'none'; // until our stylesheet has loaded (CSSOM, so a strict CSP is fine)
  const onColour = c => { // white or near-black text, whichever reaches 4.5:1 on the primary colour
    try { const x = doc.createElement('canvas').getContext('2d'); x.fillStyle = c; c = x.fillStyle; } catch (e) { /* keep c */ }
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
    if (!m) return '#fff';
    const L = m.slice(1).map(h => { const v = parseInt(h, 16) / 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 1.05 / (0.2126 * L[0] + 0.7152 * L[1] + 0.0722 * L[2] + 0.05) >= 4.5 ? '#fff' : '#0b0c0c';
  };
  let pc = (cfg.primaryColour || cfg.primaryColor || '').trim();
  if (/^([0-9a-f]{3}){1,2}$/i.test(pc)) pc = '#' + pc;
  if (pc && window.CSS && CSS.supports('color', pc)) {
    root.style.setProperty('--cc-primary', pc);
    root.style.setProperty('--cc-on-primary', onColour(pc));
  }

  // ---- Markup -----------------------------------------------------------------------------
  const launcher = el('button', {
    type: 'button', id: 'cc-launcher', class: 'cc-launcher', 'aria-expanded': 'false', 'aria-controls': 'cc-panel',
    onclick: () => (isOpen() ? close() : open())
  }, ['Chat with us']);
  const councilLine = text => (text ? 'This chat is run by ' + text + '. ' : '');
  const councilName = el('span', { text: councilLine(cfg.council) });
  const privacy = el('a', { href: base + '/privacy', target: '_blank', rel: 'noopener' },
    ['How we use your information', vh(' (opens in new tab)')]);
  const status = el('p', { id: 'cc-status', class: 'cc-status', role: 'status' });
  const log = el('ol', { id: 'cc-log', class: 'cc-log', 'aria-label': 'Conversation', tabindex: '0' });
  const live = el('div', { id: 'cc-live', class: 'cc-vh', 'aria-live': 'polite' });
  const input = el('textarea', {
    id: 'cc-input', class: 'cc-input', name: 'message', rows: '2', maxlength: MAX, placeholder: 'Type your message',
    onkeydown: e => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) { e.preventDefault(); submit(); }
    }
  });
  const sendBtn = el('button', { type: 'submit', id: 'cc-send', class: 'cc-send' }, ['Send']);
  const newBtn = el('button', { type: 'button', class: 'cc-new', hidden: true, onclick: () => newChat() }, ['Start a new chat']);
  const panel = el('section', {
    id: 'cc-panel', class: 'cc-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'cc-title', hidden: true,
    onkeydown: e => { if (e.key === 'Escape' || e.key === 'Esc') { e.stopPropagation(); close(); } }
  }, [
    el('div', { class: 'cc-head' }, [
      el('h2', { id: 'cc-title', class: 'cc-title', text: cfg.title || 'Chat with us' }),
      el('button', { type: 'button', class: 'cc-close', 'aria-label': 'Close chat', onclick: () => close() },
        [el('span', { 'aria-hidden': 'true', text: '\u00d7' })])
    ]),
    status,
    el('div', { class: 'cc-intro' }, [
      el('p', null, [councilName, privacy]),
      el('p', { text: "Don't share bank or card details in this chat." })
    ]),
    log,
    newBtn,
    el('form', { class: 'cc-form', onsubmit: e => { e.preventDefault(); submit(); } }, [
      el('label', { for: 'cc-input', class: 'cc-vh', text: 'Type your message' }), input, sendBtn
    ])
  ]);
  // The live region sits outside the panel so it stays in the accessibility tree while the panel is closed.
  root.append(launcher, panel, live);

  // ---- State ------------------------------------------------------------------------------
  let token = get('token');
  let convId = get('conversationId');
  let heard = +get('lastSeq') || 0; // highest seq this tab has already shown (survives reloads): not re-announced
  let lastSeq = 0; // highest seq rendered on this page: sent as hello.lastSeq
  const seen = new Set();
  let outbox = [];
  try { outbox = arr(JSON.parse(get('outbox'))).filter(o => o && typeof o.id === 'string' && typeof o.text === 'string'); } catch (e) { /* none */ }
  let client = null, up = false, ready = false, started = false;
  let attempt = 0, timer = 0, helloTimer = 0, retries = 0, conn = '', st = null;

  const save = () => put('outbox', outbox.length ? JSON.stringify(outbox.map(o => ({ id: o.id, text: o.text }))) : null);
  const newId = () => 'c-' + (window.crypto && crypto.randomUUID ? crypto.randomUUID()
    : Date.now().toString(36) + Math.random().toString(36).slice(2, 12));
  const down = () => { log.scrollTop = log.scrollHeight; };
  const say = t => { live.append(el('p', { text: t })); while (live.children.length > 3) live.firstChild.remove(); };
  const isClosed = () => !!st && st.state === CLOSED;

  // ---- Status line ------------------------------------------------------------------------
  const showStatus = () => {
    const s = st && st.state;
    const t = conn === 'connecting' ? 'Connecting\u2026'
      : conn === 'reconnecting' ? 'Reconnecting\u2026'
      : s === 'WAITING' ? (st.queuePosition > 0 ? 'You are number ' + st.queuePosition + ' in the queue. ' : 'You are in the queue. ')
        + 'An adviser will be with you soon.'
      : s === 'WITH_AGENT' ? 'You are chatting with ' + (st.agentName || 'an adviser')
      : s === CLOSED ? 'This chat has ended'
      : s === 'BOT' ? 'You are chatting with our automated helper'
      : 'Connected';
    if (status.textContent !== t) status.textContent = t;
  };
  const setConn = c => { conn = c; panel.setAttribute('data-connection', c); showStatus(); };
  const setState = s => {
    st = s;
    if (s && s.state) panel.setAttribute('data-state', s.state); else panel.removeAttribute('data-state');
    const closed = isClosed();
    const f = doc.activeElement;
    input.disabled = sendBtn.disabled = closed;
    newBtn.hidden = !closed;
    if (closed) {
      log.querySelectorAll('.cc-quick').forEach(b => { b.disabled = true; });
      if (f && f.disabled) newBtn.focus(); // don't strand keyboard focus on a control we just disabled
    }
    showStatus();
  };

  // ---- Rendering --------------------------------------------------------------------------
  const render = m => {
    const s = m.sender;
    const kind = s === 'RESIDENT' ? 'resident' : s === 'BOT' ? 'bot' : s === 'AGENT' ? 'agent' : 'system';
    const name = kind === 'bot' || kind === 'agent' ? String(m.senderName || (kind === 'bot' ? 'Council helper' : 'Adviser')) : '';
    const li = el('li', { class: 'cc-msg cc-from-' + kind }, [
      name && el('span', { class: 'cc-name', 'aria-hidden': 'true', text: name }),
      el('p', { class: 'cc-text' }, [vh(kind === 'resident' ? 'You said: ' : name ? name + ' said: ' : 'Notice: '),
        m.text == null ? '' : String(m.text)])
    ]);
    const lines = arr(m.lines).filter(x => x != null).map(String);
    if (lines.length) li.append(el('ul', { class: 'cc-lines' }, lines.map(t => el('li', { text: t }))));
    const links = arr(m.links).filter(l => l && safe(l.url));
    if (links.length) {
      li.append(el('ul', { class: 'cc-links' }, links.map(l => el('li', null, [
        el('a', { href: abs(l.url), target: '_blank', rel: 'noopener' }, [String(l.title || l.url), vh(' (opens in new tab)')])
      ]))));
    }
    const btns = arr(m.buttons).filter(b => b && b.title && b.payload != null);
    if (btns.length) {
      const g = el('div', { class: 'cc-btns', role: 'group', 'aria-label': 'Suggested replies' });
      btns.forEach(b => g.append(el('button', {
        type: 'button', class: 'cc-quick', text: String(b.title), disabled: isClosed(),
        onclick: () => {
          if (send(String(b.payload))) {
            g.querySelectorAll('button').forEach(x => { x.disabled = true; });
            input.focus();
          }
        }
      })));
      li.append(g);
    }
    const d = m.sentAt && new Date(m.sentAt);
    if (d && !isNaN(d)) {
      li.append(el('time', { class: 'cc-time', datetime: m.sentAt, text: d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }) }));
    }
    return li;
  };
  const pendingEl = o => el('li', { class: 'cc-msg cc-from-resident cc-pending' }, [
    el('p', { class: 'cc-text' }, [vh('You said: '), o.text]),
    el('span', { class: 'cc-time', text: 'Sending\u2026' })
  ]);
  const spoken = li => [li.querySelector('.cc-text').textContent]
    .concat([].map.call(li.querySelectorAll('.cc-lines li'), x => x.textContent)).join(' ');
  const notice = t => { const li = render({ sender: 'SYSTEM', text: t }); log.append(li); say(spoken(li)); down(); };
  const resetLog = () => {
    [].slice.call(log.children).forEach(n => { if (!n.classList.contains('cc-pending')) n.remove(); });
    seen.clear();
    lastSeq = 0;
  };
  outbox.forEach(o => log.append(o.el = pendingEl(o)));

  // ---- Sending ----------------------------------------------------------------------------
  const pub = (destination, body) => {
    if (!client || !up) return false;
    try {
      client.publish({ destination, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      return true;
    } catch (e) { return false; }
  };
  const hello = () => pub('/app/resident/hello', { lastSeq, language: 'en' });
  const flush = () => {
    if (ready) outbox.forEach(o => { if (!o.sent) o.sent = pub('/app/resident/message', { clientMessageId: o.id, text: o.text }); });
  };
  const send = text => {
    text = String(text).trim();
    if (!text || isClosed()) return false;
    const o = { id: newId(), text };
    outbox.push(o);
    save();
    log.append(o.el = pendingEl(o));
    down();
    start();
    flush();
    return true;
  };
  const submit = () => { if (send(input.value)) input.value = ''; input.focus(); };
  const ack = id => {
    const i = outbox.findIndex(o => o.id === id);
    if (i < 0) return null;
    const o = outbox.splice(i, 1)[0];
    o.el.remove();
    save();
    return o;
  };

  // ---- Incoming -----------------------------------------------------------------------------
  const onMessage = m => {
    if (m.clientMessageId) ack(m.clientMessageId); // the echo is the acknowledgement
    const seq = Number(m.seq);
    if (!(seq > 0) || seen.has(seq)) return; // replays after a reconnect
    seen.add(seq);
    if (seq > lastSeq) lastSeq = seq;
    const li = render(m);
    li.setAttribute('data-seq', seq);
    let ref = null; // keep seq order; pending messages stay last
    for (const n of log.children) {
      if (n.classList.contains('cc-pending') || +n.getAttribute('data-seq') > seq) { ref = n; break; }
    }
    log.insertBefore(li, ref);
    if (seq > heard) {
      heard = seq;
      put('lastSeq', String(seq));
      if (m.sender !== 'RESIDENT') say(spoken(li));
    }
    down();
  };
  const onEvent = e => {
    if (e.type === 'welcome') {
      clearTimeout(helloTimer);
      if (convId && e.conversationId !== convId) { resetLog(); heard = 0; put('lastSeq', null); } // token expired: new chat
      convId = e.conversationId || null;
      put('conversationId', convId);
      if (e.resumeToken) { token = e.resumeToken; put('token', token); }
      const c = e.council || {};
      if (safe(c.privacyUrl)) privacy.href = abs(c.privacyUrl);
      if (c.name) councilName.textContent = councilLine(String(c.name));
      ready = true;
      attempt = retries = 0;
      setConn('ok');
      flush(); // resend anything unacknowledged, same ids, so the server de-duplicates
    } else if (e.type === 'message') onMessage(e);
    else if (e.type === 'status') setState(e);
  };
  const onError = e => {
    notice(String(e.message || 'Sorry, something went wrong. Please try again.'));
    const c = e.code;
    if (c === 'message-too-long' || c === 'message-empty') {
      // Rejected for good: take the oldest unacknowledged message back into the text box.
      const o = outbox.find(x => x.sent);
      if (o) { ack(o.id); input.value = o.text + (input.value ? '\n' + input.value : ''); }
    } else if (c === 'no-conversation') {
      ready = false;
      outbox.forEach(o => { o.sent = false; });
      hello();
    } else if (c === 'server-error' && retries++ < 3) {
      setTimeout(() => {
        if (!up) return; // a reconnect resends anyway
        if (!ready) hello(); else { outbox.forEach(o => { o.sent = false; }); flush(); }
      }, 2000 * retries);
    }
  };
  const read = (f, fn) => {
    let d;
    try { d = JSON.parse(f.body); } catch (e) { return; }
    if (d && typeof d === 'object') fn(d);
  };

  // ---- Connection with our own backoff (StompJs reconnectDelay 0; a fresh Client per attempt) --
  const start = () => { if (!started) { started = true; setConn('connecting'); connect(); } };
  const connect = () => {
    timer = 0;
    if (window.StompJs && StompJs.Client) { openSocket(); return; }
    const s = el('script', {
      src: base + '/webchat/v1/stomp.js', async: true,
      onload: () => (window.StompJs ? openSocket() : retry()),
      onerror: () => { s.remove(); retry(); }
    });
    (doc.head || doc.documentElement).append(s);
  };
  const openSocket = () => {
    const c = new StompJs.Client({
      brokerURL: WS_URL,
      connectHeaders: token ? { 'resume-token': token } : {},
      reconnectDelay: 0,
      heartbeatIncoming: 10000,
      heartbeatOutgoing: 10000,
      onConnect: () => {
        if (c !== client) return;
        up = true;
        c.subscribe('/user/queue/events', f => read(f, onEvent));
        c.subscribe('/user/queue/errors', f => read(f, onError));
        hello();
        helloTimer = setTimeout(() => { if (c === client && !ready) { drop(); retry(); } }, 10000);
      },
      onStompError: () => { if (c === client) c.forceDisconnect(); }, // then onWebSocketClose reconnects
      onWebSocketClose: () => { if (c === client) { drop(); retry(); } }
    });
    client = c;
    c.activate();
  };
  const drop = () => {
    const c = client;
    client = null;
    up = ready = false;
    clearTimeout(helloTimer);
    outbox.forEach(o => { o.sent = false; });
    if (c) c.deactivate();
  };
  const retry = () => {
    if (timer) return;
    setConn('reconnecting');
    const delay = Math.min(30000, 1000 * 2 ** attempt++) * (0.7 + Math.random() * 0.6); // 1s, 2s, 4s ... 30s, +-30%
    timer = setTimeout(connect, delay);
  };
  const newChat = () => {
    token = convId = null;
    heard = 0;
    ['token', 'conversationId', 'lastSeq'].forEach(k => put(k, null));
    resetLog();
    setState(null);
    clearTimeout(timer);
    timer = attempt = retries = 0;
    drop();
    started = true;
    setConn('connecting');
    connect();
    input.focus();
  };
  addEventListener('online', () => { if (timer) { clearTimeout(timer); connect(); } });

  // ---- Open / close -------------------------------------------------------------------------
  let styled = false;
  const afterStyle = [];
  const showRoot = () => {
    if (styled) return;
    styled = true;
    root.style.display = '';
    afterStyle.splice(0).forEach(f => f());
  };
  const isOpen = () => !panel.hidden;
  const open = quiet => {
    if (!isOpen()) {
      panel.hidden = false;
      root.classList.add('cc-open');
      launcher.setAttribute('aria-expanded', 'true');
      put('open', '1');
    }
    start();
    const f = () => { down(); if (!quiet) (input.disabled ? newBtn : input).focus(); };
    styled ? f() : afterStyle.push(f);
  };
  const close = () => {
    if (!isOpen()) return;
    panel.hidden = true;
    root.classList.remove('cc-open');
    launcher.setAttribute('aria-expanded', 'false');
    put('open', '0');
    launcher.focus();
  };

  // ---- Boot ---------------------------------------------------------------------------------
  (doc.head || doc.documentElement).append(el('link', {
    rel: 'stylesheet', href: base + '/webchat/v1/widget.css', onload: showRoot, onerror: showRoot
  }));
  setTimeout(showRoot, 4000);
  const mount = () => {
    doc.body.append(root);
    // Carry on a conversation after a reload or page change, without moving focus on page load.
    if (token && get('open') === '1') open(true);
  };
  if (doc.body) mount(); else doc.addEventListener('DOMContentLoaded', mount);

  window.CouncilChat = Object.freeze({ open: () => open(), close: () => close() });
})();
