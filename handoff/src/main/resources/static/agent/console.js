/*
 * Council Chat agent console.
 *
 * Speaks the "Agent protocol" of docs/chat-protocol.md: STOMP 1.2 over a plain WebSocket at /agent/ws,
 * authenticated by the console's session cookie. Needs the global StompJs (@stomp/stompjs 7 UMD bundle,
 * served at /webchat/v1/stomp.js) to be loaded first.
 *
 * Security: every piece of data from the server (message text, names, previews, context values) is put
 * into the page with textContent or as an attribute value; never with innerHTML.
 */
(function () {
  'use strict';

  var BASE_TITLE = 'Agent console – Council Chat';
  var MUTE_KEY = 'councilChat.agentConsole.muted';
  var SEND_TIMEOUT_MS = 15000;
  var ACCEPT_TIMEOUT_MS = 10000;
  var CLOSE_TIMEOUT_MS = 10000;
  var WAIT_TICK_MS = 15000;
  var MAX_LIVE_ITEMS = 5;

  var OUTCOMES = [
    { value: 'RESOLVED', label: 'Resolved' },
    { value: 'REFERRED', label: 'Referred to a service' },
    { value: 'NO_RESPONSE', label: 'Resident stopped responding' },
    { value: 'OTHER', label: 'Other' }
  ];

  // What the bot learned comes from the server in words (a chat's "about": its topic and labelled facts), so
  // the console keeps no table of intent, reason or field names of its own. The queue card shows these facts.
  var QUEUE_FACT_KEYS = ['safeguarding', 'postcode'];

  var els = {};
  var client = null;
  var isConnected = false;
  var everConnected = false;
  var failedAttempts = 0;

  var seenQueueIds = new Set();   // every conversationId ever seen in the waiting list
  var seenUrgentIds = new Set();  // every conversationId ever seen waiting as urgent: each alarms once
  var queueEntries = new Map();   // conversationId -> { li, data, ... }
  var pendingAccepts = new Map(); // conversationId -> timer
  var askedFor = new Set();       // chats this console accepted and has not yet received: they take the focus

  var chats = new Map();          // conversationId -> chat object
  var removedIds = new Set();     // chats the agent removed from "My chats": late events for them are ignored
  var chatOrder = [];             // conversationIds in tab order
  var selectedId = null;
  var chatCounter = 0;
  var idCounter = 0;

  var muted = false;
  var audioCtx = null;

  var cannedResponses = [];       // [{id, title, text}] from /app/agent/canned-responses
  var colleagues = null;          // {skills: [...], colleagues: [{username, name, languages, status}]}
  var colleaguesAskedAt = 0;

  var LANGUAGES = { cy: 'Welsh (Cymraeg)', en: 'English' };

  // The councils this agent works for ({id, name, colour}), written into the page by the server: one queue topic
  // each. Their chats are marked with the council's name (and colour) when there is more than one.
  var COUNCILS = (function () {
    try {
      var list = JSON.parse(document.body.getAttribute('data-councils') || '[]');
      return Array.isArray(list) ? list.filter(function (c) { return c && typeof c.id === 'string'; }) : [];
    } catch (e) { return []; }
  }());
  var SEVERAL_COUNCILS = COUNCILS.length > 1;
  var queues = new Map();         // council id -> that council's waiting chats, as last heard

  function councilOf(id) {
    for (var i = 0; i < COUNCILS.length; i++) { if (COUNCILS[i].id === id) { return COUNCILS[i]; } }
    return null;
  }

  /** A council's mark: its name in words, with its colour beside it (colour alone tells nothing to some). */
  function markCouncil(node, councilId) {
    var council = SEVERAL_COUNCILS ? councilOf(councilId) : null;
    node.hidden = !council;
    setText(node, council ? council.name : '');
    if (council && /^#[0-9a-fA-F]{6}$/.test(council.colour)) { node.style.borderLeftColor = council.colour; }
  }

  // Who this console belongs to, to mark the waiting chats meant for them (the queue's meantFor).
  var myUsername = document.body ? document.body.getAttribute('data-agent-username') : null;

  // ---------------------------------------------------------------- helpers

  function $(id) { return document.getElementById(id); }

  function nextId(prefix) {
    idCounter += 1;
    return prefix + idCounter;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /**
   * An element for text someone else wrote (a resident's message, a note, a name, a context value): dir="auto"
   * makes it a bidi isolate with its own direction, so right-to-left words are shown the right way round and
   * a stray override character inside cannot reorder the console around it. The server already takes out
   * overrides left open; this holds for paired ones and older transcripts too.
   */
  function typedText(tag, className, text) {
    var node = el(tag, className, text);
    node.setAttribute('dir', 'auto');
    return node;
  }

  function randomUuid() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return window.crypto.randomUUID();
    }
    // crypto.randomUUID is only available in secure contexts; build a v4 UUID by hand otherwise.
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function humaniseEnum(value) {
    if (value === null || value === undefined || value === '') { return ''; }
    var v = String(value);
    var words = v.replace(/[_\-]+/g, ' ').trim().toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  /** A service as the server names it (sent with the colleagues), or from its id until they have come. */
  function skillLabel(skill) {
    var names = colleagues && colleagues.serviceNames;
    if (names && typeof names[skill] === 'string') { return names[skill]; }
    return humaniseEnum(skill);
  }

  /**
   * Fills a <dl> with the facts of a chat's "about" ({key, label, value}, labels from the server), only those
   * whose key is in onlyKeys when it is given. Returns the number of facts shown.
   */
  function fillFacts(dl, about, onlyKeys) {
    while (dl.firstChild) { dl.removeChild(dl.firstChild); }
    var facts = about && Array.isArray(about.facts) ? about.facts : [];
    var shown = 0;
    facts.forEach(function (fact) {
      if (!fact || typeof fact.label !== 'string' || typeof fact.value !== 'string' || !fact.value) { return; }
      if (onlyKeys && onlyKeys.indexOf(fact.key) < 0) { return; }
      var row = el('div', 'ac-dl-row');
      row.appendChild(el('dt', null, fact.label));
      row.appendChild(typedText('dd', null, fact.value));
      dl.appendChild(row);
      shown += 1;
    });
    return shown;
  }

  /** The value of one of a chat's facts, by key ('service', 'postcode', ...), or ''. */
  function factValue(about, key) {
    var facts = about && Array.isArray(about.facts) ? about.facts : [];
    for (var i = 0; i < facts.length; i++) {
      if (facts[i] && facts[i].key === key && typeof facts[i].value === 'string') { return facts[i].value; }
    }
    return '';
  }

  /** A chat's topic in words ("Bin day, then asked for a person"), or its handoff reason when there is none. */
  function topicOf(about, reason) {
    if (about && typeof about.topic === 'string' && about.topic) { return about.topic; }
    return humaniseEnum(reason);
  }

  function parseTime(value) {
    if (!value) { return null; }
    var t = Date.parse(value);
    return isNaN(t) ? null : new Date(t);
  }

  function formatWait(since) {
    var d = parseTime(since);
    if (!d) { return ''; }
    var mins = Math.max(0, Math.floor((Date.now() - d.getTime()) / 60000));
    if (mins < 1) { return 'under 1 min'; }
    if (mins < 60) { return mins + ' min'; }
    var h = Math.floor(mins / 60);
    var m = mins % 60;
    return h + ' h' + (m ? ' ' + m + ' min' : '');
  }

  function formatClock(date) {
    try {
      return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    } catch (e) {
      return date.toISOString().slice(11, 16);
    }
  }

  function isSafeUrl(url) {
    if (typeof url !== 'string') { return false; }
    // https: links, or site-relative paths (but not protocol-relative "//host" or "/\host").
    return /^https:\/\//i.test(url) || /^\/(?![\/\\])/.test(url);
  }

  function parseBody(frame) {
    try {
      return JSON.parse(frame.body);
    } catch (e) {
      if (window.console) { console.warn('Council Chat: could not read a frame from the server', e); }
      return null;
    }
  }

  // ---------------------------------------------------------------- announcements and alerts

  function announce(region, text) {
    if (!region || !text) { return; }
    var p = el('p', null, text);
    region.appendChild(p);
    while (region.childNodes.length > MAX_LIVE_ITEMS) {
      region.removeChild(region.firstChild);
    }
  }

  function showAlert(text) {
    while (els.alert.firstChild) { els.alert.removeChild(els.alert.firstChild); }
    els.alert.appendChild(el('p', null, text));
    els.alertDismiss.hidden = false;
  }

  function clearAlert() {
    while (els.alert.firstChild) { els.alert.removeChild(els.alert.firstChild); }
    els.alertDismiss.hidden = true;
  }

  function setConnection(state) {
    var text;
    if (state === 'connected') {
      text = 'Connected';
    } else if (state === 'connecting') {
      text = 'Connecting…';
    } else {
      text = 'Reconnecting…';
      if (failedAttempts >= 5) {
        text = 'Reconnecting… If this goes on, reload the page or sign in again.';
      }
    }
    if (els.connection.textContent !== text) { els.connection.textContent = text; }
    els.connection.setAttribute('data-state', state);
    document.body.classList.toggle('ac-offline', state !== 'connected');
  }

  // ---------------------------------------------------------------- sound

  function loadMuted() {
    try { muted = window.localStorage.getItem(MUTE_KEY) === 'true'; } catch (e) { muted = false; }
    els.mute.setAttribute('aria-pressed', muted ? 'true' : 'false');
  }

  function toggleMuted() {
    muted = !muted;
    els.mute.setAttribute('aria-pressed', muted ? 'true' : 'false');
    try { window.localStorage.setItem(MUTE_KEY, muted ? 'true' : 'false'); } catch (e) { /* private mode */ }
  }

  function getAudioContext() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) { return null; }
    if (!audioCtx) {
      try { audioCtx = new Ctx(); } catch (e) { return null; }
    }
    if (audioCtx.state === 'suspended' && typeof audioCtx.resume === 'function') {
      var p = audioCtx.resume();
      if (p && typeof p.catch === 'function') { p.catch(function () {}); }
    }
    return audioCtx;
  }

  // Browsers only let audio start after a user gesture: prepare the AudioContext on the first one.
  function unlockAudio() {
    document.removeEventListener('pointerdown', unlockAudio, true);
    document.removeEventListener('keydown', unlockAudio, true);
    getAudioContext();
  }

  /** A short tone for a new waiting chat; muting silences it. */
  function beep() {
    if (muted) { return; }
    tone([880]);
  }

  /**
   * Three rising tones for an urgent chat (a disclosure of risk). Muting does not silence it: a resident in danger
   * must not wait because the console was muted for the ordinary chime.
   */
  function urgentAlarm() {
    tone([660, 880, 1100]);
  }

  function tone(frequencies) {
    // Before the first user gesture the browser would refuse to start audio: stay quiet.
    if (!audioCtx && navigator.userActivation && !navigator.userActivation.hasBeenActive) { return; }
    var ctx = getAudioContext();
    if (!ctx) { return; }
    try {
      frequencies.forEach(function (frequency, i) {
        var t = ctx.currentTime + i * 0.25;
        var osc = ctx.createOscillator();
        var gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.setValueAtTime(frequency, t);
        gain.gain.setValueAtTime(0.0001, t);
        gain.gain.exponentialRampToValueAtTime(0.2, t + 0.01);
        gain.gain.setValueAtTime(0.2, t + 0.17);
        gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.2);
        osc.connect(gain);
        gain.connect(ctx.destination);
        osc.start(t);
        osc.stop(t + 0.2);
      });
    } catch (e) { /* no sound, no problem */ }
  }

  /** A desktop notification, when the agent allowed them: it reaches them in another window too. */
  function notifyDesktop(text) {
    if (!('Notification' in window) || window.Notification.permission !== 'granted') { return; }
    try {
      new window.Notification('Council Chat', { body: text, tag: 'council-chat-urgent', requireInteraction: true });
    } catch (e) { /* notifications refused here: the sound and the page still say it */ }
  }

  /** Offers the "Allow desktop alerts" button while the browser has not been asked. */
  function showNotificationOffer() {
    if (!els.notify) { return; }
    els.notify.hidden = !('Notification' in window) || window.Notification.permission !== 'default';
  }

  function askForNotifications() {
    if (!('Notification' in window)) { return; }
    var asked = window.Notification.requestPermission();
    if (asked && typeof asked.then === 'function') {
      asked.then(showNotificationOffer, showNotificationOffer);
    }
  }

  // ---------------------------------------------------------------- STOMP

  function publish(destination, body) {
    if (!client || !isConnected || !client.connected) { return false; }
    try {
      client.publish({
        destination: destination,
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' }
      });
      return true;
    } catch (e) {
      if (window.console) { console.warn('Council Chat: could not send', e); }
      return false;
    }
  }

  function notConnectedAlert() {
    showAlert('The console is not connected, so nothing was sent. Wait until it says Connected, then try again.');
  }

  function connect() {
    if (typeof window.StompJs === 'undefined' || !window.StompJs.Client) {
      setConnection('reconnecting');
      showAlert('The console could not load. Reload the page.');
      return;
    }
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/agent/ws';
    client = new window.StompJs.Client({
      brokerURL: url,
      heartbeatIncoming: 10000,
      heartbeatOutgoing: 10000,
      reconnectDelay: 2000,
      debug: function () {},
      onConnect: onConnect,
      onStompError: function (frame) {
        if (window.console) {
          console.warn('Council Chat: STOMP error from server', frame && frame.headers ? frame.headers.message : '');
        }
      },
      onWebSocketClose: onConnectionLost
    });
    client.activate();
  }

  function onConnect() {
    isConnected = true;
    everConnected = true;
    failedAttempts = 0;
    setConnection('connected');

    COUNCILS.forEach(function (council) {
      client.subscribe('/topic/agent.queue.' + council.id, function (frame) { handleQueue(parseBody(frame)); });
    });
    client.subscribe('/user/queue/agent', function (frame) { handleAgentEvent(parseBody(frame)); });
    client.subscribe('/user/queue/errors', function (frame) { handleError(parseBody(frame)); });

    catchUp();
    if (away) { publish('/app/agent/status', { status: 'AWAY' }); }
    loadCannedResponses();
    loadColleagues(true);

    // Send again any reply that was on its way when the connection dropped. It keeps its
    // clientMessageId, so the server stores it only once.
    chats.forEach(function (chat) {
      if (chat.pending && chat.pending.resendOnConnect && !chat.ended) {
        sendReply(chat);
      }
    });
  }

  /**
   * The queue and this agent's chats, with their transcripts, from the server: on every connect (after a reload,
   * or a reconnect within the grace period, the console shows them again), and when the server says live events
   * from other servers were cut for a while ("resync"). Only the first chat is selected, and focus stays put.
   */
  function catchUp() {
    // Each returns its answer once, straight away; nothing more comes on it.
    var snapshot = null;
    snapshot = client.subscribe('/app/agent/queue', function (frame) {
      handleQueue(parseBody(frame));
      if (snapshot) {
        try { snapshot.unsubscribe(); } catch (e) { /* already gone */ }
        snapshot = null;
      }
    });
    var held = null;
    held = client.subscribe('/app/agent/chats', function (frame) {
      var list = parseBody(frame);
      if (Array.isArray(list)) { list.forEach(function (ev) { restoreChat(ev); }); }
      if (held) {
        try { held.unsubscribe(); } catch (e) { /* already gone */ }
        held = null;
      }
    });
  }

  function onConnectionLost() {
    var wasConnected = isConnected;
    isConnected = false;
    if (!wasConnected) { failedAttempts += 1; }
    setConnection(everConnected ? 'reconnecting' : (failedAttempts > 1 ? 'reconnecting' : 'connecting'));

    pendingAccepts.forEach(function (timer, id) { clearTimeout(timer); resetAcceptButton(id); });
    pendingAccepts.clear();

    chats.forEach(function (chat) {
      if (chat.pending && chat.pending.inFlight) {
        clearTimeout(chat.pending.timer);
        chat.pending.inFlight = false;
        chat.pending.resendOnConnect = true;
        chat.sendStatus.textContent = 'Waiting for the connection… it will be sent when the console reconnects.';
      }
      if (chat.closing) { resetClose(chat); }
    });
  }

  // ---------------------------------------------------------------- waiting list

  function handleQueue(data) {
    if (!data || typeof data !== 'object') { return; }
    if (data.type && data.type !== 'queue') { return; }
    var incoming = Array.isArray(data.waiting) ? data.waiting.filter(function (w) {
      return w && typeof w.conversationId === 'string' && w.conversationId;
    }) : [];
    // One council's part (from its topic) replaces that part; the snapshot (no council) replaces them all.
    if (typeof data.council === 'string') {
      queues.set(data.council, incoming);
    } else {
      queues.clear();
      incoming.forEach(function (w) {
        var council = typeof w.councilId === 'string' ? w.councilId : '';
        if (!queues.has(council)) { queues.set(council, []); }
        queues.get(council).push(w);
      });
    }
    var waiting = [];
    queues.forEach(function (list) { list.forEach(function (w) { waiting.push(w); }); });
    // Across councils as within one: urgent first, then the longest waiting.
    waiting.sort(function (a, b) {
      var ua = a.about && a.about.urgent ? 0 : 1;
      var ub = b.about && b.about.urgent ? 0 : 1;
      if (ua !== ub) { return ua - ub; }
      var wa = Date.parse(a.waitingSince) || 0;
      var wb = Date.parse(b.waitingSince) || 0;
      if (wa !== wb) { return wa - wb; }
      var pa = typeof a.position === 'number' ? a.position : Infinity;
      var pb = typeof b.position === 'number' ? b.position : Infinity;
      return pa - pb;
    });

    // Remember where keyboard focus is, so re-rendering never loses it.
    var active = document.activeElement;
    var focusedLi = active && els.queue.contains(active) ? active.closest('li.ac-queue-item') : null;
    var focusedId = focusedLi ? focusedLi.getAttribute('data-conversation-id') : null;
    var focusedIndex = focusedLi ? Array.prototype.indexOf.call(els.queue.children, focusedLi) : -1;

    if (els.queueEmpty.parentNode) { els.queueEmpty.parentNode.removeChild(els.queueEmpty); }

    var wanted = new Set(waiting.map(function (w) { return w.conversationId; }));
    queueEntries.forEach(function (entry, id) {
      if (!wanted.has(id)) {
        if (entry.li.parentNode) { entry.li.parentNode.removeChild(entry.li); }
        queueEntries.delete(id);
        var timer = pendingAccepts.get(id);
        if (timer) { clearTimeout(timer); pendingAccepts.delete(id); }
      }
    });

    var newCount = 0;
    var newUrgent = 0;
    var urgentCount = 0;
    waiting.forEach(function (item, index) {
      var id = item.conversationId;
      if (!seenQueueIds.has(id)) {
        seenQueueIds.add(id);
        newCount += 1;
      }
      if (item.about && item.about.urgent) {
        urgentCount += 1;
        if (!seenUrgentIds.has(id)) {
          seenUrgentIds.add(id);
          newUrgent += 1;
        }
      }
      var entry = queueEntries.get(id);
      if (!entry) {
        entry = createQueueEntry(id);
        queueEntries.set(id, entry);
      }
      entry.data = item;
      updateQueueEntry(entry, index);
      var ref = els.queue.children[index];
      if (ref !== entry.li) { els.queue.insertBefore(entry.li, ref || null); }
    });

    // Put focus back if the focused card was moved or removed.
    if (focusedId && (!active || !document.body.contains(active) || document.activeElement !== active)) {
      var stillThere = queueEntries.get(focusedId);
      if (stillThere) {
        stillThere.button.focus();
      } else {
        var items = els.queue.querySelectorAll('li.ac-queue-item');
        var next = items[Math.min(focusedIndex, items.length - 1)];
        if (next) {
          next.querySelector('.ac-accept').focus();
        } else {
          els.queueHeading.focus();
        }
      }
    }

    var count = waiting.length;
    if (count === 0) {
      els.queueEmpty.textContent = 'No one is waiting.';
      els.queue.appendChild(els.queueEmpty);
    }
    els.queueCount.textContent = '(' + count + ')';
    // The tab says so too, so an urgent chat is seen from another tab or window.
    document.title = (urgentCount > 0 ? '(' + urgentCount + ' urgent) ' : '') +
      (count > 0 ? '(' + count + ' waiting) ' : '') + BASE_TITLE;

    if (newUrgent > 0) {
      urgentAlarm();
      var urgentText = (newUrgent === 1 ? 'An urgent chat is' : newUrgent + ' urgent chats are') +
        ' waiting: a resident disclosed a risk.';
      announce(els.queueUrgentLive, urgentText);
      notifyDesktop(urgentText);
    } else if (newCount > 0) {
      beep();
    }
    if (newCount > 0) {
      announce(els.queueLive, (newCount === 1 ? '1 new person' : newCount + ' new people') +
        ' waiting. ' + count + ' waiting in total.');
    }
  }

  function createQueueEntry(id) {
    var li = el('li', 'ac-queue-item');
    li.setAttribute('data-conversation-id', id);

    var head = el('p', 'ac-queue-head');
    head.id = nextId('ac-qh-');
    var council = el('span', 'ac-council');
    council.hidden = true;
    head.appendChild(council);
    var position = el('strong', 'ac-position');
    var wait = el('span', 'ac-wait');
    head.appendChild(position);
    head.appendChild(document.createTextNode(' '));
    head.appendChild(wait);

    var reason = el('p', 'ac-reason');
    reason.id = nextId('ac-qr-');
    var language = el('strong', 'ac-badge ac-badge-welsh', 'Welsh (Cymraeg)');
    language.hidden = true;
    var skill = el('span', 'ac-skill');
    var forYou = el('strong', 'ac-badge ac-badge-for-you', 'For you');
    forYou.hidden = true;
    // Said in words as well as in red: colour alone tells nothing to someone who cannot see it.
    var urgent = el('strong', 'ac-badge ac-badge-urgent', 'Urgent');
    urgent.hidden = true;
    reason.appendChild(urgent);
    reason.appendChild(forYou);
    reason.appendChild(language);
    reason.appendChild(skill);
    var reasonText = el('span', 'ac-reason-text');
    reason.appendChild(reasonText);

    var preview = el('p', 'ac-preview');
    var previewLabel = el('span', 'ac-preview-label', 'Message: ');
    var previewText = typedText('q', 'ac-preview-text');
    preview.appendChild(previewLabel);
    preview.appendChild(previewText);

    var dl = el('dl', 'ac-context ac-context-compact');

    var button = el('button', 'ac-button ac-accept', 'Accept');
    button.type = 'button';
    button.setAttribute('data-conversation-id', id);
    button.setAttribute('aria-describedby', head.id + ' ' + reason.id);

    li.appendChild(head);
    li.appendChild(reason);
    li.appendChild(preview);
    li.appendChild(dl);
    li.appendChild(button);

    return { id: id, li: li, council: council, position: position, wait: wait, reason: reason, reasonText: reasonText,
             language: language, skill: skill, forYou: forYou, urgent: urgent, preview: preview,
             previewText: previewText, dl: dl, button: button, data: null };
  }

  function updateQueueEntry(entry, index) {
    var d = entry.data;
    var pos = typeof d.position === 'number' ? d.position : index + 1;
    markCouncil(entry.council, d.councilId);
    setText(entry.position, 'Position ' + pos);
    updateWait(entry);
    var reasonText = topicOf(d.about, d.reason);
    var welsh = d.language === 'cy';
    var service = d.service || d.skill;
    var meantFor = Array.isArray(d.meantFor) ? d.meantFor : [];
    var forMe = !!myUsername && meantFor.indexOf(myUsername) >= 0;
    var forColleague = meantFor.length > 0 && !forMe;
    var serviceName = factValue(d.about, 'service') || (service ? skillLabel(service) : '');
    var skillText = (serviceName ? 'For ' + serviceName + '. ' : '') +
      (forColleague ? 'Meant for a colleague who is free. ' : '');
    var isUrgent = !!(d.about && d.about.urgent);
    entry.urgent.hidden = !isUrgent;
    entry.li.classList.toggle('ac-queue-item-urgent', isUrgent);
    entry.forYou.hidden = !forMe;
    entry.li.classList.toggle('ac-queue-item-for-you', forMe);
    entry.language.hidden = !welsh;
    setText(entry.skill, (welsh ? ' ' : '') + skillText);
    setText(entry.reasonText, reasonText);
    entry.reason.hidden = !reasonText && !welsh && !skillText && !forMe && !isUrgent;
    var previewText = typeof d.preview === 'string' ? d.preview : '';
    setText(entry.previewText, previewText);
    entry.preview.hidden = !previewText;
    var shown = fillFacts(entry.dl, d.about, QUEUE_FACT_KEYS);
    entry.dl.hidden = shown === 0;
    if (pendingAccepts.has(entry.id)) {
      setText(entry.button, 'Accepting…');
      entry.button.setAttribute('aria-disabled', 'true');
    }
  }

  function setText(node, text) {
    if (node.textContent !== text) { node.textContent = text; }
  }

  function updateWait(entry) {
    var w = formatWait(entry.data && entry.data.waitingSince);
    setText(entry.wait, w ? 'waiting ' + w : '');
  }

  function tickWaitTimes() {
    queueEntries.forEach(updateWait);
  }

  function accept(id) {
    if (pendingAccepts.has(id)) { return; }
    var entry = queueEntries.get(id);
    if (!publish('/app/agent/accept', { conversationId: id })) {
      notConnectedAlert();
      return;
    }
    var timer = setTimeout(function () {
      pendingAccepts.delete(id);
      askedFor.delete(id);
      resetAcceptButton(id);
    }, ACCEPT_TIMEOUT_MS);
    pendingAccepts.set(id, timer);
    askedFor.add(id);
    if (entry) {
      entry.button.textContent = 'Accepting…';
      entry.button.setAttribute('aria-disabled', 'true');
    }
  }

  function resetAcceptButton(id) {
    var entry = queueEntries.get(id);
    if (entry) {
      entry.button.textContent = 'Accept';
      entry.button.removeAttribute('aria-disabled');
    }
  }

  // ---------------------------------------------------------------- my chats

  function createChat(id) {
    chatCounter += 1;
    var n = chatCounter;
    var chat = {
      id: id, n: n, context: null, ended: false, closing: null, unread: 0,
      seqs: new Set(), noteIds: new Set(), pending: null, state: null, language: null
    };

    // Tab
    var tab = el('button', 'ac-tab');
    tab.type = 'button';
    tab.id = 'ac-tab-' + n;
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-selected', 'false');
    tab.setAttribute('aria-controls', 'ac-panel-' + n);
    tab.setAttribute('tabindex', '-1');
    tab.setAttribute('data-conversation-id', id);
    chat.tabCouncil = el('span', 'ac-council');
    chat.tabCouncil.hidden = true;
    tab.appendChild(chat.tabCouncil);
    chat.tabLabel = el('span', 'ac-tab-label', 'Chat ' + n);
    chat.tabEnded = el('span', 'ac-tab-ended');
    chat.tabUnread = el('span', 'ac-tab-unread');
    chat.tabUnread.hidden = true;
    tab.appendChild(chat.tabLabel);
    tab.appendChild(chat.tabEnded);
    tab.appendChild(chat.tabUnread);
    chat.tab = tab;

    // Panel
    var panel = el('div', 'ac-panel');
    panel.id = 'ac-panel-' + n;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tab.id);
    panel.setAttribute('data-conversation-id', id);
    panel.hidden = true;
    chat.panel = panel;

    chat.heading = el('h3', 'ac-panel-heading', 'Chat ' + n);
    panel.appendChild(chat.heading);

    // Shown once the chat has ended.
    chat.endedBox = el('div', 'ac-ended');
    chat.endedBox.hidden = true;
    chat.endedNote = el('p', 'ac-ended-note', 'This chat has ended. You can no longer send messages in it.');
    chat.endedNote.setAttribute('tabindex', '-1');
    chat.removeButton = el('button', 'ac-button ac-button-secondary ac-remove', 'Remove from my chats');
    chat.removeButton.type = 'button';
    chat.endedBox.appendChild(chat.endedNote);
    chat.endedBox.appendChild(chat.removeButton);
    panel.appendChild(chat.endedBox);

    var layout = el('div', 'ac-chat-layout');
    panel.appendChild(layout);

    // Context
    var ctxSection = el('section', 'ac-context-panel');
    var ctxHeading = el('h4', null, 'About this chat');
    ctxHeading.id = nextId('ac-ctxh-');
    ctxSection.setAttribute('aria-labelledby', ctxHeading.id);
    chat.topic = el('p', 'ac-topic');
    chat.topic.hidden = true;
    chat.contextList = el('dl', 'ac-context');
    chat.contextEmpty = el('p', 'ac-muted', 'No details from the chatbot.');
    ctxSection.appendChild(ctxHeading);
    ctxSection.appendChild(chat.topic);
    ctxSection.appendChild(chat.contextList);
    ctxSection.appendChild(chat.contextEmpty);
    layout.appendChild(ctxSection);

    // Conversation
    var conv = el('section', 'ac-conversation');
    var convHeading = el('h4', null, 'Conversation');
    convHeading.id = nextId('ac-convh-');
    conv.setAttribute('aria-labelledby', convHeading.id);
    conv.appendChild(convHeading);
    chat.partialNote = el('p', 'ac-muted ac-partial', 'Earlier messages in this chat may not be shown.');
    chat.partialNote.hidden = true;
    conv.appendChild(chat.partialNote);

    chat.transcript = el('ol', 'ac-transcript');
    chat.transcript.setAttribute('tabindex', '0');
    chat.transcript.setAttribute('aria-labelledby', convHeading.id);
    conv.appendChild(chat.transcript);

    // Reply form
    var form = el('form', 'ac-reply-form');
    form.noValidate = true;
    var replyId = 'ac-reply-' + n;
    var label = el('label', 'ac-label', 'Reply to resident');
    label.htmlFor = replyId;
    var hint = el('p', 'ac-hint', 'Press Enter to send. Press Shift and Enter for a new line.');
    hint.id = nextId('ac-hint-');
    chat.hintId = hint.id;
    chat.fieldError = el('p', 'ac-field-error');
    chat.fieldError.id = nextId('ac-err-');
    chat.fieldError.hidden = true;
    var textarea = el('textarea', 'ac-reply');
    textarea.id = replyId;
    textarea.name = 'text';
    textarea.rows = 3;
    textarea.setAttribute('aria-describedby', hint.id);
    textarea.setAttribute('data-conversation-id', id);
    chat.textarea = textarea;
    var actions = el('div', 'ac-reply-actions');
    chat.sendButton = el('button', 'ac-button ac-send', 'Send');
    chat.sendButton.type = 'submit';
    chat.sendStatus = el('span', 'ac-send-status');
    chat.sendStatus.setAttribute('role', 'status');
    // Shown, not announced: a screen reader hearing "typing" every few seconds would drown the messages.
    chat.typingNote = el('p', 'ac-typing', 'The resident is typing\u2026');
    chat.typingNote.hidden = true;
    chat.typingNote.setAttribute('aria-hidden', 'true');
    textarea.addEventListener('input', function () { agentTyping(chat); });
    // The resident closed the page or lost the connection for longer than the grace period.
    chat.leftNote = el('p', 'ac-left-note', 'The resident has left. They will not see your messages unless they '
      + 'come back to the chat; you can add a note and close it.');
    chat.leftNote.hidden = true;
    actions.appendChild(chat.sendButton);
    actions.appendChild(chat.sendStatus);

    // Canned responses: pick one, insert it into the reply box, edit it there, then send.
    var canned = el('div', 'ac-canned');
    var cannedId = 'ac-canned-' + n;
    var cannedLabel = el('label', 'ac-label', 'Canned response');
    cannedLabel.htmlFor = cannedId;
    chat.cannedSelect = el('select', 'ac-canned-select');
    chat.cannedSelect.id = cannedId;
    chat.cannedInsert = el('button', 'ac-button ac-button-secondary ac-canned-insert', 'Insert into reply');
    chat.cannedInsert.type = 'button';
    var cannedRow = el('div', 'ac-inline-row');
    var cannedField = el('div', 'ac-inline-field');
    cannedField.appendChild(cannedLabel);
    cannedField.appendChild(chat.cannedSelect);
    cannedRow.appendChild(cannedField);
    cannedRow.appendChild(chat.cannedInsert);
    canned.appendChild(cannedRow);
    fillCannedSelect(chat);

    form.appendChild(canned);
    form.appendChild(chat.typingNote);
    form.appendChild(chat.leftNote);
    form.appendChild(label);
    form.appendChild(hint);
    form.appendChild(chat.fieldError);
    form.appendChild(textarea);
    form.appendChild(actions);
    chat.replyForm = form;
    conv.appendChild(form);

    // Internal note: for colleagues only, never sent to the resident.
    var noteForm = el('form', 'ac-note-form');
    noteForm.noValidate = true;
    var noteId = 'ac-note-' + n;
    var noteLabel = el('label', 'ac-label', 'Internal note');
    noteLabel.htmlFor = noteId;
    var noteHint = el('p', 'ac-hint', 'Only staff see notes, including whoever takes this chat next. The resident never does.');
    noteHint.id = nextId('ac-nhint-');
    chat.noteError = el('p', 'ac-field-error');
    chat.noteError.id = nextId('ac-nerr-');
    chat.noteError.hidden = true;
    chat.noteText = el('textarea', 'ac-textarea ac-note-text');
    chat.noteText.id = noteId;
    chat.noteText.rows = 2;
    chat.noteText.setAttribute('aria-describedby', noteHint.id);
    chat.noteButton = el('button', 'ac-button ac-button-secondary ac-add-note', 'Add note');
    chat.noteButton.type = 'submit';
    chat.noteStatus = el('span', 'ac-send-status');
    chat.noteStatus.setAttribute('role', 'status');
    var noteActions = el('div', 'ac-reply-actions');
    noteActions.appendChild(chat.noteButton);
    noteActions.appendChild(chat.noteStatus);
    noteForm.appendChild(noteLabel);
    noteForm.appendChild(noteHint);
    noteForm.appendChild(chat.noteError);
    noteForm.appendChild(chat.noteText);
    noteForm.appendChild(noteActions);
    chat.noteForm = noteForm;
    conv.appendChild(noteForm);

    // Pass the chat on: to a colleague who is online, or back to the queue for a service.
    var transferForm = el('form', 'ac-transfer-form');
    transferForm.noValidate = true;
    var fieldset = el('fieldset', 'ac-fieldset');
    fieldset.appendChild(el('legend', 'ac-legend', 'Pass this chat on'));
    var toId = 'ac-transfer-to-' + n;
    var toLabel = el('label', 'ac-label', 'Pass to');
    toLabel.htmlFor = toId;
    chat.transferTo = el('select', 'ac-transfer-to');
    chat.transferTo.id = toId;
    var tnoteId = 'ac-transfer-note-' + n;
    var tnoteLabel = el('label', 'ac-label', 'Note for the next agent (optional)');
    tnoteLabel.htmlFor = tnoteId;
    chat.transferNote = el('textarea', 'ac-textarea ac-transfer-note');
    chat.transferNote.id = tnoteId;
    chat.transferNote.rows = 2;
    chat.transferButton = el('button', 'ac-button ac-button-secondary ac-transfer', 'Pass chat on');
    chat.transferButton.type = 'submit';
    fieldset.appendChild(toLabel);
    fieldset.appendChild(chat.transferTo);
    fieldset.appendChild(tnoteLabel);
    fieldset.appendChild(chat.transferNote);
    var transferActions = el('div', 'ac-reply-actions');
    transferActions.appendChild(chat.transferButton);
    fieldset.appendChild(transferActions);
    transferForm.appendChild(fieldset);
    chat.transferForm = transferForm;
    conv.appendChild(transferForm);
    fillTransferSelect(chat);

    // Close form
    var closeForm = el('form', 'ac-close-form');
    var outcomeId = 'ac-outcome-' + n;
    var outcomeLabel = el('label', 'ac-label', 'Outcome');
    outcomeLabel.htmlFor = outcomeId;
    var select = el('select', 'ac-outcome');
    select.id = outcomeId;
    select.name = 'outcome';
    OUTCOMES.forEach(function (o) {
      var opt = el('option', null, o.label);
      opt.value = o.value;
      select.appendChild(opt);
    });
    chat.outcome = select;
    chat.closeButton = el('button', 'ac-button ac-button-warning ac-end', 'End chat');
    chat.closeButton.type = 'submit';
    var closeRow = el('div', 'ac-close-row');
    var selectWrap = el('div', 'ac-close-field');
    selectWrap.appendChild(outcomeLabel);
    selectWrap.appendChild(select);
    closeRow.appendChild(selectWrap);
    closeRow.appendChild(chat.closeButton);
    closeForm.appendChild(closeRow);
    chat.closeForm = closeForm;
    conv.appendChild(closeForm);

    layout.appendChild(conv);

    // Behaviour
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      sendReply(chat);
    });
    textarea.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        sendReply(chat);
      }
    });
    textarea.addEventListener('input', function () {
      if (!chat.fieldError.hidden) { hideFieldError(chat); }
    });
    closeForm.addEventListener('submit', function (e) {
      e.preventDefault();
      closeChat(chat);
    });
    noteForm.addEventListener('submit', function (e) {
      e.preventDefault();
      writeNote(chat);
    });
    chat.noteText.addEventListener('input', function () {
      if (!chat.noteError.hidden) { hideNoteError(chat); }
    });
    chat.cannedInsert.addEventListener('click', function () { insertCanned(chat); });
    transferForm.addEventListener('submit', function (e) {
      e.preventDefault();
      transferChat(chat);
    });
    chat.transferTo.addEventListener('focus', function () { loadColleagues(false); });
    chat.removeButton.addEventListener('click', function () { removeChat(chat); });
    tab.addEventListener('click', function () { selectChat(chat.id); });

    chats.set(id, chat);
    chatOrder.push(id);
    els.tablist.appendChild(tab);
    els.panels.appendChild(panel);
    els.tablist.hidden = false;
    els.chatsEmpty.hidden = true;
    if (!selectedId) { selectChat(id); }
    return chat;
  }

  function updateChatTitle(chat) {
    var postcode = chat.context && typeof chat.context.postcode === 'string' ? chat.context.postcode : '';
    var title = 'Chat ' + chat.n + (postcode ? ' – ' + postcode : '');
    var welsh = chat.language === 'cy' ? ' (Welsh)' : '';
    setText(chat.tabLabel, title + welsh);
    setText(chat.heading, title + welsh + (chat.ended ? chat.tabEnded.textContent : ''));
  }

  function setContext(chat, context, about) {
    chat.context = context && typeof context === 'object' ? context : null;
    var topic = about && typeof about.topic === 'string' ? about.topic : '';
    setText(chat.topic, topic);
    chat.topic.hidden = !topic;
    var shown = fillFacts(chat.contextList, about, null);
    chat.contextList.hidden = shown === 0;
    chat.contextEmpty.hidden = shown > 0 || !!topic;
    updateChatTitle(chat);
  }

  function selectChat(id, focusTab) {
    var chat = chats.get(id);
    if (!chat) { return; }
    selectedId = id;
    chats.forEach(function (c) {
      var on = c === chat;
      c.tab.setAttribute('aria-selected', on ? 'true' : 'false');
      c.tab.setAttribute('tabindex', on ? '0' : '-1');
      c.panel.hidden = !on;
    });
    chat.unread = 0;
    updateUnread(chat);
    scrollToEnd(chat);
    if (focusTab) { chat.tab.focus(); }
  }

  function onTabKeydown(e) {
    var tab = e.target.closest ? e.target.closest('[role="tab"]') : null;
    if (!tab) { return; }
    var tabs = Array.prototype.slice.call(els.tablist.querySelectorAll('[role="tab"]'));
    var i = tabs.indexOf(tab);
    if (i < 0) { return; }
    var target = null;
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        target = tabs[(i + 1) % tabs.length];
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        target = tabs[(i - 1 + tabs.length) % tabs.length];
        break;
      case 'Home':
        target = tabs[0];
        break;
      case 'End':
        target = tabs[tabs.length - 1];
        break;
      default:
        return;
    }
    e.preventDefault();
    selectChat(target.getAttribute('data-conversation-id'), true);
  }

  function updateUnread(chat) {
    if (chat.unread > 0) {
      chat.tabUnread.textContent = ' ' + chat.unread + ' new';
      chat.tabUnread.hidden = false;
    } else {
      chat.tabUnread.textContent = '';
      chat.tabUnread.hidden = true;
    }
  }

  function isNearEnd(ol) {
    return ol.scrollHeight - ol.scrollTop - ol.clientHeight < 48;
  }

  function scrollToEnd(chat) {
    chat.transcript.scrollTop = chat.transcript.scrollHeight;
  }

  function senderLabel(m) {
    switch (m.sender) {
      case 'RESIDENT': return 'Resident';
      case 'BOT': return (m.senderName || 'Chatbot') + ' (chatbot)';
      case 'AGENT': return m.senderName || 'Agent';
      case 'SYSTEM': return 'System';
      default: return m.senderName || humaniseEnum(m.sender) || 'Unknown';
    }
  }

  /**
   * A resident's message written in another language than the chat's ("written in Welsh" in an English chat) is
   * marked, so the agent can answer in it; its words carry their language for screen readers either way.
   */
  function renderMessage(m, chat) {
    var li = el('li', 'ac-msg ac-msg-' + String(m.sender || 'unknown').toLowerCase().replace(/[^a-z]/g, ''));
    if (typeof m.seq === 'number') { li.setAttribute('data-seq', String(m.seq)); }

    var meta = el('p', 'ac-msg-meta');
    meta.appendChild(typedText('bdi', 'ac-sender', senderLabel(m)));
    var when = parseTime(m.sentAt);
    if (when) {
      meta.appendChild(document.createTextNode(' '));
      var time = el('time', 'ac-time', formatClock(when));
      time.setAttribute('datetime', when.toISOString());
      meta.appendChild(time);
    }
    var written = m.sender === 'RESIDENT' && LANGUAGES.hasOwnProperty(m.language) ? m.language : null;
    if (written && chat && chat.language && written !== chat.language) {
      meta.appendChild(el('span', 'ac-msg-language', 'written in ' + (written === 'cy' ? 'Welsh' : 'English')));
    }
    li.appendChild(meta);

    // An FAQ answer is shown as the resident saw it (answer.js, shared with the widget and the editor's preview);
    // its text, lines and links are then only the flattened copy, apart from a link the bot added under it.
    var answer = m.answer && typeof m.answer === 'object' && window.CouncilChatAnswer
      ? window.CouncilChatAnswer.render(m.answer, {
        doc: document, heading: 5, from: 'From:', newTab: '(opens in a new tab)', hiddenClass: 'ac-visually-hidden'
      })
      : null;
    var inAnswer = {};
    if (answer) {
      answer.classList.add('ac-msg-answer');
      li.appendChild(answer);
      Array.prototype.forEach.call(answer.querySelectorAll('a[href]'), function (a) { inAnswer[a.getAttribute('href')] = true; });
    } else if (typeof m.text === 'string' && m.text) {
      var words = typedText('p', 'ac-msg-text', m.text);
      if (written) { words.lang = written; }
      li.appendChild(words);
    }
    var photo = photoOf(m);
    if (photo) { li.appendChild(photo); }
    if (!answer && Array.isArray(m.lines) && m.lines.length) {
      var ul = el('ul', 'ac-msg-lines');
      m.lines.forEach(function (line) {
        if (line !== null && line !== undefined && line !== '') { ul.appendChild(typedText('li', null, String(line))); }
      });
      if (ul.childNodes.length) { li.appendChild(ul); }
    }
    if (Array.isArray(m.links) && m.links.length) {
      var links = el('ul', 'ac-msg-links');
      m.links.forEach(function (link) {
        if (!link || inAnswer[link.url]) { return; }
        var title = link.title ? String(link.title) : String(link.url || '');
        var item = el('li');
        if (isSafeUrl(link.url)) {
          var a = el('a', null, title);
          a.href = link.url;
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          a.appendChild(el('span', 'ac-visually-hidden', ' (opens in a new tab)'));
          item.appendChild(a);
        } else {
          item.textContent = title;
        }
        links.appendChild(item);
      });
      if (links.childNodes.length) { li.appendChild(links); }
    }
    if (Array.isArray(m.buttons) && m.buttons.length) {
      var titles = m.buttons.map(function (b) { return b && b.title ? String(b.title) : ''; }).filter(Boolean);
      if (titles.length) {
        li.appendChild(el('p', 'ac-msg-buttons', 'Buttons offered: ' + titles.join(', ')));
      }
    }
    return li;
  }

  /**
   * A resident's photo, from the route that checks this agent serves the chat's council; the link opens it full
   * size. Its id is only ever used as one path segment.
   */
  function photoOf(m) {
    var p = m.photo;
    if (!p || typeof p !== 'object' || !/^[A-Za-z0-9_-]{43}$/.test(String(p.id))) { return null; }
    var src = '/agent/photos/' + p.id;
    var link = el('a', 'ac-photo-link');
    link.href = src;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    var img = el('img', 'ac-photo');
    img.src = src;
    img.alt = 'Photo sent by the resident';
    if (p.width > 0 && p.height > 0) {
      img.width = Number(p.width);
      img.height = Number(p.height);
    }
    link.appendChild(img);
    link.appendChild(el('span', 'ac-visually-hidden', ' (opens full size in a new tab)'));
    return link;
  }

  /** Adds a message to a chat's transcript, in seq order. Returns false if that seq is already shown. */
  function addMessage(chat, m) {
    if (!m || typeof m !== 'object') { return false; }
    var hasSeq = typeof m.seq === 'number';
    if (hasSeq) {
      if (chat.seqs.has(m.seq)) { return false; }
      chat.seqs.add(m.seq);
    }
    var li = renderMessage(m, chat);
    insertInOrder(chat, li, hasSeq ? m.seq : null);
    return true;
  }

  /**
   * Puts a transcript item in its place: messages by seq, a note just after the message it followed
   * (order afterSeq + 0.5), after any notes already there. Items without an order go at the end.
   */
  function insertInOrder(chat, li, order) {
    var before = null;
    if (order !== null) {
      li.setAttribute('data-order', String(order));
      var items = chat.transcript.children;
      for (var i = items.length - 1; i >= 0; i--) {
        if (!items[i].hasAttribute('data-order')) { continue; }
        var o = Number(items[i].getAttribute('data-order'));
        if (o <= order) { break; }
        before = items[i];
      }
    }
    chat.transcript.insertBefore(li, before);
  }

  /** Shows a staff note in the transcript, plainly marked as internal. Returns false if already shown. */
  function addNote(chat, n) {
    if (!n || typeof n !== 'object' || typeof n.id !== 'number') { return false; }
    if (chat.noteIds.has(n.id)) { return false; }
    chat.noteIds.add(n.id);
    var li = el('li', 'ac-msg ac-note');
    li.setAttribute('data-note-id', String(n.id));
    var meta = el('p', 'ac-msg-meta');
    meta.appendChild(el('strong', 'ac-note-label',
      n.kind === 'TRANSFER' ? 'Internal note when passed on' : 'Internal note'));
    meta.appendChild(document.createTextNode(' '));
    meta.appendChild(typedText('bdi', 'ac-sender', (n.authorName || 'Staff')));
    var when = parseTime(n.writtenAt);
    if (when) {
      meta.appendChild(document.createTextNode(' '));
      var time = el('time', 'ac-time', formatClock(when));
      time.setAttribute('datetime', when.toISOString());
      meta.appendChild(time);
    }
    li.appendChild(meta);
    li.appendChild(typedText('p', 'ac-msg-text', typeof n.text === 'string' ? n.text : ''));
    li.appendChild(el('p', 'ac-visually-hidden', 'Not shown to the resident.'));
    insertInOrder(chat, li, typeof n.afterSeq === 'number' ? n.afterSeq + 0.5 : null);
    return true;
  }

  function handleAgentEvent(ev) {
    if (!ev || typeof ev !== 'object') { return; }
    switch (ev.type) {
      case 'chat': handleChat(ev); break;
      case 'message': handleMessage(ev); break;
      case 'status': handleStatus(ev); break;
      case 'queue': handleQueue(ev); break;
      case 'typing': handleTyping(ev); break;
      case 'presence': handlePresence(ev); break;
      case 'note': handleNote(ev); break;
      case 'transferred': handleTransferred(ev); break;
      case 'resident': handleResidentPresence(ev); break;
      case 'resync': if (isConnected) { catchUp(); } break;
      default: break;
    }
  }

  /** The resident of a chat has gone, or came back: say so by the reply box, and once to a screen reader. */
  function handleResidentPresence(ev) {
    var chat = typeof ev.conversationId === 'string' ? chats.get(ev.conversationId) : null;
    if (!chat || chat.ended) { return; }
    var left = ev.present === false;
    if (chat.leftNote.hidden === !left) { return; }
    chat.leftNote.hidden = !left;
    if (left) { chat.typingNote.hidden = true; }
    announce(els.live, left ? 'The resident of chat ' + chat.n + ' has left.'
      : 'The resident of chat ' + chat.n + ' is back.');
  }

  function handleTyping(ev) {
    var chat = typeof ev.conversationId === 'string' ? chats.get(ev.conversationId) : null;
    if (!chat || chat.ended) { return; }
    clearTimeout(chat.typingTimer);
    chat.typingNote.hidden = !ev.typing;
    // The resident's widget says when they stop; this covers a widget that went away mid-word.
    if (ev.typing) { chat.typingTimer = setTimeout(function () { chat.typingNote.hidden = true; }, 10000); }
  }

  /** Tells the resident the agent is typing: at most every three seconds, and "stopped" after four quiet ones. */
  function agentTyping(chat) {
    if (chat.ended) { return; }
    var now = Date.now();
    if (!chat.typingSent || now - chat.typingSentAt > 3000) {
      chat.typingSent = publish('/app/agent/typing', { conversationId: chat.id, typing: true });
      chat.typingSentAt = now;
    }
    clearTimeout(chat.typingStop);
    chat.typingStop = setTimeout(function () {
      if (chat.typingSent && !chat.ended) { publish('/app/agent/typing', { conversationId: chat.id, typing: false }); }
      chat.typingSent = false;
    }, 4000);
  }

  /** A chat the agent already had: shown again with its whole transcript, without moving the focus. */
  function restoreChat(ev) {
    if (!ev || typeof ev.conversationId !== 'string' || !ev.conversationId) { return; }
    var existing = chats.get(ev.conversationId);
    var chat = existing || createChat(ev.conversationId);
    fillChat(chat, ev);
    if (!selectedId) { selectChat(chat.id); }
  }

  /** A chat event's transcript, notes, context and language, into the chat's tab. */
  function fillChat(chat, ev) {
    chat.language = typeof ev.language === 'string' ? ev.language : chat.language;
    if (typeof ev.councilId === 'string') {
      chat.councilId = ev.councilId;
      markCouncil(chat.tabCouncil, ev.councilId);
      fillTransferSelect(chat);
      fillCannedSelect(chat);
    }
    setContext(chat, ev.context, ev.about);
    if (Array.isArray(ev.transcript)) {
      chat.partialNote.hidden = true;
      ev.transcript.forEach(function (m) { addMessage(chat, m); });
    }
    if (Array.isArray(ev.notes)) {
      ev.notes.forEach(function (n) { addNote(chat, n); });
    }
    chat.state = ev.state || chat.state;
    if (typeof ev.residentLeft === 'boolean') { chat.leftNote.hidden = !ev.residentLeft; }
  }

  // ---------------------------------------------------------------- away / available

  var away = false;

  function toggleAway() {
    if (!publish('/app/agent/status', { status: away ? 'AVAILABLE' : 'AWAY' })) {
      announce(els.live, 'Not connected: your status could not be changed.');
    }
  }

  function handlePresence(ev) {
    away = ev.status === 'AWAY';
    if (!els.away) { return; }
    els.away.setAttribute('aria-pressed', away ? 'true' : 'false');
    els.away.textContent = away ? 'Away: taking no new chats' : 'Set yourself away';
    announce(els.live, away ? 'You are away. You will not be offered new chats.' : 'You are available for new chats.');
  }

  function handleChat(ev) {
    if (typeof ev.conversationId !== 'string' || !ev.conversationId) { return; }
    var id = ev.conversationId;
    removedIds.delete(id);
    var timer = pendingAccepts.get(id);
    // The waiting list may drop the chat (and its pending accept) before the chat itself arrives.
    var accepted = askedFor.delete(id);
    if (timer) { clearTimeout(timer); pendingAccepts.delete(id); }

    var chat = chats.get(id) || createChat(id);
    fillChat(chat, ev);
    if (ev.state === 'CLOSED') {
      markEnded(chat);
    } else if (chat.ended) {
      reopen(chat);
    }
    if (ev.transferredFrom) {
      // Passed on by a colleague: show it without taking the agent away from what they are typing.
      beep();
      chat.unread += 1;
      updateUnread(chat);
      announce(els.live, ev.transferredFrom + ' passed you a chat: chat ' + chat.n + '.');
      if (!selectedId || selectedId === id) { selectChat(id); }
      return;
    }
    if (!accepted && selectedId && selectedId !== id) {
      // Given to this agent without their asking (auto-assignment, or an accept in another tab): show it
      // without taking them away from the chat they are in.
      beep();
      chat.unread += 1;
      updateUnread(chat);
      announce(els.live, 'You have a new chat: chat ' + chat.n + '.');
      return;
    }
    selectChat(id);
    scrollToEnd(chat);
    if (!chat.ended) {
      chat.textarea.focus();
    } else {
      chat.tab.focus();
    }
  }

  function handleMessage(m) {
    if (typeof m.conversationId !== 'string' || !m.conversationId) { return; }
    var chat = chats.get(m.conversationId);
    if (!chat) {
      if (removedIds.has(m.conversationId)) { return; }
      // A message for a chat this agent holds but has no tab for (for example after a page reload):
      // open a tab without taking focus, and say that earlier messages may be missing.
      chat = createChat(m.conversationId);
      setContext(chat, null, null);
      chat.partialNote.hidden = false;
    }

    // The echo of our own reply: the send is done.
    if (m.clientMessageId && chat.pending && chat.pending.clientMessageId === m.clientMessageId) {
      completeSend(chat);
    }

    var visible = chat.id === selectedId && !chat.panel.hidden;
    var stick = visible && isNearEnd(chat.transcript);
    var added = addMessage(chat, m);
    if (!added) { return; }

    if (visible && (stick || m.sender === 'AGENT')) { scrollToEnd(chat); }

    if (m.sender === 'RESIDENT') {
      chat.typingNote.hidden = true;
      if (visible) {
        announce(els.live, 'Resident: ' + (typeof m.text === 'string' ? m.text : ''));
      } else {
        chat.unread += 1;
        updateUnread(chat);
        announce(els.live, 'New message in chat ' + chat.n + '.');
      }
    }
  }

  function handleStatus(ev) {
    if (typeof ev.conversationId !== 'string') { return; }
    var chat = chats.get(ev.conversationId);
    if (!chat) { return; }
    chat.state = ev.state;
    if (ev.state === 'CLOSED') {
      markEnded(chat);
    }
  }

  function markEnded(chat, noteText, tabText) {
    if (chat.ended) { return; }
    var hadFocus = chat.panel.contains(document.activeElement) &&
      (chat.replyForm.contains(document.activeElement) || chat.closeForm.contains(document.activeElement) ||
       chat.noteForm.contains(document.activeElement) || chat.transferForm.contains(document.activeElement));
    chat.ended = true;
    chat.endedNote.textContent = noteText || 'This chat has ended. You can no longer send messages in it.';
    setControlsDisabled(chat, true);
    if (chat.closing) { clearTimeout(chat.closing); chat.closing = null; }
    if (chat.pending) {
      clearTimeout(chat.pending.timer);
      chat.pending = null;
    }
    chat.textarea.readOnly = false;
    chat.textarea.disabled = true;
    chat.sendButton.disabled = true;
    chat.sendButton.removeAttribute('aria-disabled');
    chat.sendStatus.textContent = '';
    chat.outcome.disabled = true;
    chat.closeButton.disabled = true;
    chat.closeButton.textContent = 'End chat';
    chat.closeButton.removeAttribute('aria-disabled');
    chat.tabEnded.textContent = tabText || ' (ended)';
    chat.panel.classList.add('ac-panel-ended');
    chat.endedBox.hidden = false;
    updateChatTitle(chat);
    if (hadFocus) { chat.endedNote.focus(); }
    announce(els.live, noteText ? 'Chat ' + chat.n + ': ' + noteText : 'Chat ' + chat.n + ' has ended.');
  }

  /** The note, canned-response and pass-on controls, which only make sense while the chat is live. */
  function setControlsDisabled(chat, disabled) {
    [chat.noteText, chat.noteButton, chat.cannedSelect, chat.cannedInsert, chat.transferTo, chat.transferNote,
     chat.transferButton].forEach(function (control) { control.disabled = disabled; });
    if (disabled) {
      if (chat.transferring) { clearTimeout(chat.transferring); chat.transferring = null; }
      chat.transferButton.textContent = 'Pass chat on';
      chat.transferButton.removeAttribute('aria-disabled');
      clearTimeout(chat.noteTimer);
      chat.notePending = null;
      chat.noteStatus.textContent = '';
    }
  }

  function reopen(chat) {
    chat.ended = false;
    chat.endedNote.textContent = 'This chat has ended. You can no longer send messages in it.';
    setControlsDisabled(chat, false);
    chat.textarea.disabled = false;
    chat.sendButton.disabled = false;
    chat.outcome.disabled = false;
    chat.closeButton.disabled = false;
    chat.tabEnded.textContent = '';
    chat.panel.classList.remove('ac-panel-ended');
    chat.endedBox.hidden = true;
    updateChatTitle(chat);
  }

  function removeChat(chat) {
    removedIds.add(chat.id);
    var index = chatOrder.indexOf(chat.id);
    if (index >= 0) { chatOrder.splice(index, 1); }
    chats.delete(chat.id);
    if (chat.tab.parentNode) { chat.tab.parentNode.removeChild(chat.tab); }
    if (chat.panel.parentNode) { chat.panel.parentNode.removeChild(chat.panel); }
    if (selectedId === chat.id) {
      selectedId = null;
      if (chatOrder.length) {
        selectChat(chatOrder[Math.min(index, chatOrder.length - 1)], true);
      }
    }
    if (!chatOrder.length) {
      els.tablist.hidden = true;
      els.chatsEmpty.hidden = false;
      els.chatsHeading.focus();
    }
  }

  // ---------------------------------------------------------------- sending

  function showFieldError(chat, text) {
    chat.fieldError.textContent = text;
    chat.fieldError.hidden = false;
    chat.textarea.setAttribute('aria-invalid', 'true');
    chat.textarea.setAttribute('aria-describedby', chat.fieldError.id + ' ' + chat.hintId);
  }

  function hideFieldError(chat) {
    chat.fieldError.textContent = '';
    chat.fieldError.hidden = true;
    chat.textarea.removeAttribute('aria-invalid');
    chat.textarea.setAttribute('aria-describedby', chat.hintId);
  }

  function sendReply(chat) {
    if (chat.ended) { return; }
    if (chat.pending && chat.pending.inFlight) { return; }

    var value = chat.textarea.value;
    var text = value.trim();
    if (!text) {
      showFieldError(chat, 'Type a reply before you send it.');
      chat.textarea.focus();
      return;
    }
    hideFieldError(chat);

    // Re-sending the same words keeps the same clientMessageId so the server stores them only once.
    var clientMessageId = chat.pending && chat.pending.text === value
      ? chat.pending.clientMessageId
      : 'a-' + randomUuid();

    if (chat.pending) { clearTimeout(chat.pending.timer); }
    chat.pending = { clientMessageId: clientMessageId, text: value, inFlight: false, resendOnConnect: false, timer: null };

    if (!publish('/app/agent/message', { conversationId: chat.id, clientMessageId: clientMessageId, text: text })) {
      chat.pending.resendOnConnect = true;
      chat.sendStatus.textContent = 'Not connected. It will be sent when the console reconnects.';
      return;
    }
    chat.pending.inFlight = true;
    chat.textarea.readOnly = true;
    chat.sendButton.setAttribute('aria-disabled', 'true');
    chat.sendStatus.textContent = 'Sending…';
    chat.pending.timer = setTimeout(function () {
      failSend(chat, 'Not sent yet. Press Send to try again.');
    }, SEND_TIMEOUT_MS);
  }

  function completeSend(chat) {
    if (!chat.pending) { return; }
    clearTimeout(chat.pending.timer);
    chat.pending = null;
    chat.textarea.readOnly = false;
    chat.textarea.value = '';
    chat.sendButton.removeAttribute('aria-disabled');
    chat.sendStatus.textContent = '';
  }

  function failSend(chat, text) {
    if (!chat.pending) { return; }
    clearTimeout(chat.pending.timer);
    chat.pending.inFlight = false;
    chat.pending.resendOnConnect = false;
    chat.textarea.readOnly = false;
    chat.sendButton.removeAttribute('aria-disabled');
    chat.sendStatus.textContent = text;
  }

  // ---------------------------------------------------------------- closing

  function closeChat(chat) {
    if (chat.ended || chat.closing) { return; }
    var outcome = chat.outcome.value;
    if (!publish('/app/agent/close', { conversationId: chat.id, outcome: outcome })) {
      notConnectedAlert();
      return;
    }
    chat.closeButton.textContent = 'Ending…';
    chat.closeButton.setAttribute('aria-disabled', 'true');
    chat.closing = setTimeout(function () {
      resetClose(chat);
      if (!chat.ended) { showAlert('Chat ' + chat.n + ' has not ended yet. Try again.'); }
    }, CLOSE_TIMEOUT_MS);
  }

  function resetClose(chat) {
    if (chat.closing) { clearTimeout(chat.closing); }
    chat.closing = null;
    if (!chat.ended) {
      chat.closeButton.textContent = 'End chat';
      chat.closeButton.removeAttribute('aria-disabled');
    }
  }

  // ---------------------------------------------------------------- canned responses

  /** Asks once for the canned responses (again on every reconnect, so a supervisor's changes arrive). */
  function loadCannedResponses() {
    var sub = null;
    sub = client.subscribe('/app/agent/canned-responses', function (frame) {
      var list = parseBody(frame);
      if (Array.isArray(list)) {
        cannedResponses = list.filter(function (r) {
          return r && typeof r.title === 'string' && typeof r.text === 'string';
        });
        chats.forEach(fillCannedSelect);
      }
      if (sub) {
        try { sub.unsubscribe(); } catch (e) { /* already gone */ }
        sub = null;
      }
    });
  }

  function fillCannedSelect(chat) {
    var select = chat.cannedSelect;
    var previous = select.value;
    while (select.firstChild) { select.removeChild(select.firstChild); }
    // The contact centre's own, and this chat's council's: never another council's numbers or links.
    var offered = cannedResponses.filter(function (r) {
      return !r.councilId || !chat.councilId || r.councilId === chat.councilId;
    });
    var first = el('option', null, offered.length ? 'Choose a response' : 'No canned responses yet');
    first.value = '';
    select.appendChild(first);
    offered.forEach(function (r) {
      var opt = el('option', null, r.title);
      opt.value = String(r.id);
      select.appendChild(opt);
    });
    select.value = previous;
    if (select.value !== previous) { select.value = ''; }
  }

  /** Puts the chosen response into the reply box where the cursor is, for the agent to edit, then focuses it. */
  function insertCanned(chat) {
    if (chat.ended) { return; }
    var id = chat.cannedSelect.value;
    var chosen = cannedResponses.filter(function (r) { return String(r.id) === id; })[0];
    if (!chosen) {
      announce(els.live, 'Choose a canned response first.');
      chat.cannedSelect.focus();
      return;
    }
    var box = chat.textarea;
    if (box.readOnly) { return; }
    var start = typeof box.selectionStart === 'number' ? box.selectionStart : box.value.length;
    var end = typeof box.selectionEnd === 'number' ? box.selectionEnd : box.value.length;
    box.value = box.value.slice(0, start) + chosen.text + box.value.slice(end);
    var caret = start + chosen.text.length;
    box.focus();
    try { box.setSelectionRange(caret, caret); } catch (e) { /* not a text field */ }
    if (!chat.fieldError.hidden) { hideFieldError(chat); }
    agentTyping(chat);
  }

  // ---------------------------------------------------------------- notes

  function showNoteError(chat, text) {
    chat.noteError.textContent = text;
    chat.noteError.hidden = false;
    chat.noteText.setAttribute('aria-invalid', 'true');
    chat.noteText.setAttribute('aria-describedby', chat.noteError.id);
  }

  function hideNoteError(chat) {
    chat.noteError.textContent = '';
    chat.noteError.hidden = true;
    chat.noteText.removeAttribute('aria-invalid');
    chat.noteText.removeAttribute('aria-describedby');
  }

  function writeNote(chat) {
    if (chat.ended || chat.notePending) { return; }
    var text = chat.noteText.value.trim();
    if (!text) {
      showNoteError(chat, 'Type a note before you add it.');
      chat.noteText.focus();
      return;
    }
    hideNoteError(chat);
    if (!publish('/app/agent/note', { conversationId: chat.id, text: text })) {
      notConnectedAlert();
      return;
    }
    chat.notePending = text;
    chat.noteStatus.textContent = 'Adding…';
    chat.noteTimer = setTimeout(function () {
      chat.notePending = null;
      chat.noteStatus.textContent = 'Not added yet. Try again.';
    }, SEND_TIMEOUT_MS);
  }

  function handleNote(n) {
    var chat = typeof n.conversationId === 'string' ? chats.get(n.conversationId) : null;
    if (!chat) { return; }
    if (chat.notePending && chat.notePending === n.text) {
      clearTimeout(chat.noteTimer);
      chat.notePending = null;
      chat.noteText.value = '';
      chat.noteStatus.textContent = 'Note added.';
    }
    var stick = isNearEnd(chat.transcript);
    if (addNote(chat, n) && stick) { scrollToEnd(chat); }
  }

  // ---------------------------------------------------------------- passing a chat on

  /** Asks for colleagues and skills: on connecting, then at most every 10 seconds when a "Pass to" list gets focus. */
  function loadColleagues(force) {
    var now = Date.now();
    if (!client || !isConnected || (!force && now - colleaguesAskedAt < 10000)) { return; }
    colleaguesAskedAt = now;
    var sub = null;
    sub = client.subscribe('/app/agent/colleagues', function (frame) {
      var data = parseBody(frame);
      if (data && Array.isArray(data.skills) && Array.isArray(data.colleagues)) {
        colleagues = data;
        chats.forEach(fillTransferSelect);
      }
      if (sub) {
        try { sub.unsubscribe(); } catch (e) { /* already gone */ }
        sub = null;
      }
    });
  }

  function fillTransferSelect(chat) {
    var select = chat.transferTo;
    var previous = select.value;
    while (select.firstChild) { select.removeChild(select.firstChild); }
    var first = el('option', null, 'Choose where to pass it');
    first.value = '';
    select.appendChild(first);
    var queue = el('optgroup');
    queue.label = 'Back to the waiting list';
    var anyone = el('option', null, 'Waiting list: any service');
    anyone.value = 'queue:';
    queue.appendChild(anyone);
    (colleagues ? colleagues.skills : []).forEach(function (skill) {
      var opt = el('option', null, 'Waiting list: ' + skillLabel(skill));
      opt.value = 'queue:' + skill;
      queue.appendChild(opt);
    });
    select.appendChild(queue);
    var bot = el('option', null, 'Back to the automated helper (the resident can ask for a person again)');
    bot.value = 'bot:';
    select.appendChild(bot);
    // Only a colleague who works for the chat's council can be passed it.
    var online = (colleagues ? colleagues.colleagues : []).filter(function (c) {
      return c && c.status === 'ONLINE' &&
        (!chat.councilId || !Array.isArray(c.councils) || c.councils.indexOf(chat.councilId) >= 0);
    });
    var people = el('optgroup');
    people.label = 'Colleagues online';
    online.forEach(function (c) {
      var speaks = Array.isArray(c.languages) && c.languages.indexOf('cy') >= 0;
      var opt = el('option', null, c.name + (speaks ? ' (speaks Welsh)' : ''));
      opt.value = 'agent:' + c.username;
      people.appendChild(opt);
    });
    if (!online.length) {
      var none = el('option', null, 'No colleagues online just now');
      none.value = '';
      none.disabled = true;
      people.appendChild(none);
    }
    select.appendChild(people);
    select.value = previous;
    if (select.value !== previous) { select.value = ''; }
  }

  function transferChat(chat) {
    if (chat.ended || chat.transferring) { return; }
    var choice = chat.transferTo.value;
    if (!choice) {
      showAlert('Choose where to pass chat ' + chat.n + ': a colleague online, or the waiting list.');
      chat.transferTo.focus();
      return;
    }
    var body = { conversationId: chat.id, note: chat.transferNote.value.trim() };
    if (choice.indexOf('agent:') === 0) {
      body.toAgent = choice.slice('agent:'.length);
    } else if (choice === 'bot:') {
      body.toBot = true;
    } else {
      body.skill = choice.slice('queue:'.length);
    }
    if (!publish('/app/agent/transfer', body)) {
      notConnectedAlert();
      return;
    }
    chat.transferring = setTimeout(function () { resetTransfer(chat); }, CLOSE_TIMEOUT_MS);
    chat.transferButton.textContent = 'Passing on…';
    chat.transferButton.setAttribute('aria-disabled', 'true');
  }

  function resetTransfer(chat) {
    if (chat.transferring) { clearTimeout(chat.transferring); }
    chat.transferring = null;
    chat.transferButton.textContent = 'Pass chat on';
    chat.transferButton.removeAttribute('aria-disabled');
  }

  function handleTransferred(ev) {
    var chat = typeof ev.conversationId === 'string' ? chats.get(ev.conversationId) : null;
    if (!chat) { return; }
    resetTransfer(chat);
    var where = ev.toBot
      ? 'You gave this chat back to the automated helper.'
      : ev.toAgentName
        ? 'You passed this chat to ' + ev.toAgentName + '.'
        : 'You passed this chat back to the waiting list' + (ev.skill ? ' for ' + skillLabel(ev.skill) : '') + '.';
    markEnded(chat, where + ' You can no longer send messages in it.', ' (passed on)');
  }

  // ---------------------------------------------------------------- errors

  function handleError(err) {
    if (!err || typeof err !== 'object') { return; }
    showAlert(typeof err.message === 'string' && err.message ? err.message
      : 'Something went wrong' + (err.code ? ' (' + err.code + ')' : '') + '. Try again.');

    var dest = err.destination;
    if (dest === '/app/agent/accept' || err.code === 'already-taken') {
      pendingAccepts.forEach(function (timer, id) { clearTimeout(timer); resetAcceptButton(id); });
      pendingAccepts.clear();
      askedFor.clear();
    }
    if (dest === '/app/agent/message') {
      chats.forEach(function (chat) {
        if (chat.pending && chat.pending.inFlight) {
          failSend(chat, 'Not sent.');
          chat.pending = null; // the server stored nothing; a new attempt may use a new id
        }
      });
    }
    if (dest === '/app/agent/close') {
      chats.forEach(function (chat) { if (chat.closing) { resetClose(chat); } });
    }
    if (dest === '/app/agent/note') {
      chats.forEach(function (chat) {
        if (chat.notePending) {
          clearTimeout(chat.noteTimer);
          chat.notePending = null;
          chat.noteStatus.textContent = 'Not added.';
        }
      });
    }
    if (dest === '/app/agent/transfer') {
      chats.forEach(function (chat) { if (chat.transferring) { resetTransfer(chat); } });
      loadColleagues(true);
    }
  }

  // ---------------------------------------------------------------- start

  function init() {
    els.queue = $('ac-queue');
    els.queueEmpty = $('ac-queue-empty');
    els.queueCount = $('ac-queue-count');
    els.queueHeading = $('ac-queue-heading');
    els.tablist = $('ac-tablist');
    els.panels = $('ac-panels');
    els.chatsEmpty = $('ac-chats-empty');
    els.chatsHeading = $('ac-chats-heading');
    els.connection = $('ac-connection');
    els.alert = $('ac-alert');
    els.alertDismiss = $('ac-alert-dismiss');
    els.live = $('ac-live');
    els.queueLive = $('ac-queue-live');
    els.queueUrgentLive = $('ac-queue-urgent-live');
    els.notify = $('ac-notify');
    els.mute = $('ac-mute');
    els.away = $('ac-away');
    if (els.away) { els.away.addEventListener('click', toggleAway); }

    if (!els.queue || !els.tablist || !els.connection || !els.alert) { return; }

    els.queue.addEventListener('click', function (e) {
      var button = e.target.closest ? e.target.closest('.ac-accept') : null;
      if (button && els.queue.contains(button)) {
        accept(button.getAttribute('data-conversation-id'));
      }
    });
    els.tablist.addEventListener('keydown', onTabKeydown);
    els.alertDismiss.addEventListener('click', function () {
      clearAlert();
      var main = $('ac-main');
      if (main) { main.focus(); }
    });

    if (els.mute) {
      loadMuted();
      els.mute.addEventListener('click', toggleMuted);
    }
    if (els.notify) {
      showNotificationOffer();
      els.notify.addEventListener('click', askForNotifications);
    }
    document.addEventListener('pointerdown', unlockAudio, true);
    document.addEventListener('keydown', unlockAudio, true);

    setInterval(tickWaitTimes, WAIT_TICK_MS);
    setConnection('connecting');
    connect();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
