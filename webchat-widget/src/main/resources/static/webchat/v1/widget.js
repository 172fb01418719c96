/*
 * Council Chat resident web-chat widget, v1.
 * Embed with: <script src="https://CHAT-HOST/webchat/v1/widget.js" async data-title="Ask us"></script>
 * Optional data attributes: data-title (data-title-cy), data-council (the council's id), data-logo, data-primary-colour,
 * data-position="right|left", data-language="en|cy", data-idle-minutes (default 15), data-idle-warning-seconds
 * (default 120). Colours can also be set with CSS custom properties on #council-chat (see widget.css).
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
  const cfg = me.dataset;
  // The council whose site this is (its id, e.g. "millbrook"); none: the chat server's first council. The server
  // checks that this page's site is one of that council's.
  const COUNCIL = /^[a-z0-9][a-z0-9-]{0,39}$/.test(cfg.council || '') ? cfg.council : '';
  const WS_URL = base.replace(/^http/i, 'ws') + '/webchat/v1/ws' + // http -> ws, https -> wss
    (COUNCIL ? '?council=' + encodeURIComponent(COUNCIL) : '');
  const MAX = 2000;
  const IDLE_MS = Math.max(0.05, +cfg.idleMinutes || 15) * 60000; // quiet this long with a person: warn
  const GRACE_MS = Math.max(5, +cfg.idleWarningSeconds || 120) * 1000; // then end, unless kept open
  const CLOSED = 'CLOSED';

  // ---- Words, in English and Welsh: every string the widget shows -----------------------------
  const WORDS = {
    en: {
      launcher: 'Chat with us', title: 'Chat with us', close: 'Close chat', runBy: 'This chat is run by {0}. ',
      privacy: 'How we use your information', newTab: ' (opens in new tab)', from: 'From:',
      noCards: "Don't share bank or card details in this chat.", type: 'Type your message', send: 'Send',
      newChat: 'Start a new chat', endChat: 'End chat', download: 'Download transcript', log: 'Conversation',
      connecting: 'Connecting\u2026', reconnecting: 'Reconnecting\u2026', connected: 'Connected',
      queueAt: 'You are number {0} in the queue. ', queue: 'You are in the queue. ',
      soon: 'An adviser will be with you soon.', waits: ' Recent waits have been about {0} minutes.',
      waits1: ' Recent waits have been about a minute.',
      withAgent: 'You are chatting with {0}', adviser: 'an adviser', adviserName: 'Adviser', ended: 'This chat has ended',
      withBot: 'You are chatting with our automated helper', helper: 'Council helper',
      youSaid: 'You said: ', said: '{0} said: ', notice: 'Notice: ', suggested: 'Suggested replies',
      sending: 'Sending\u2026', failed: 'Sorry, something went wrong. Please try again.', typing: '{0} is typing\u2026',
      rateLegend: 'How was this chat?', rate1: '1 Very poor', rate2: '2 Poor', rate3: '3 OK', rate4: '4 Good',
      rate5: '5 Very good', comment: 'Anything to add? (optional)', sendRating: 'Send rating',
      pickScore: 'Please choose a rating from 1 to 5.', thanks: 'Thank you for your feedback.',
      idle: 'Are you still there? This chat will end at {0} unless you choose to keep it open.',
      keepOpen: 'Keep chat open', timedOut: 'This chat has ended because there was no reply for a while. You can start a new chat at any time.',
      you: 'You', transcript: 'Chat transcript', other: 'Cymraeg', otherLang: 'cy', locale: 'en-GB',
      joined: '{0} from the contact centre has joined the chat.', agentEnded: '{0} has ended the chat.',
      youEnded: 'You ended the chat.', leftQueue: 'You left the queue.',
      confirmEnd: 'End your chat with {0}?', confirmEndQueue: 'Leave the queue? You will lose your place.',
      yesEnd: 'Yes, end the chat', noKeep: 'No, keep chatting', someone: 'An adviser',
      attach: 'Send a photo', attachToMessage: 'Add a photo to your message', photoSending: 'Sending your photo\u2026', photoYours: 'Your photo',
      photoOpen: ' (opens full size in new tab)',
      'photo-needs-a-person': 'You can send a photo once you are talking to an adviser or waiting for one, or with a message you leave for our team.',
      'photo-too-big': 'That photo is too big to send. Please choose one under {0} MB.',
      emailChat: 'Email me this chat', emailLabel: 'Your email address', emailSend: 'Send the chat', emailCancel: 'Cancel',
      emailSent: 'We\u2019ve sent this chat to {0}. It can take a few minutes to arrive.',
      'email-not-valid': 'Enter an email address like name@example.com',
      'transcript-too-many': 'This chat has been emailed 3 times today. You can still download it.',
      'transcript-empty': 'There is nothing in this chat to send yet.',
      'transcript-not-offered': 'Sorry, we can\u2019t email chats just now. You can download it instead.',
      'photo-too-many-pixels': 'That photo is too big to send. Please choose a smaller one.',
      'photo-not-an-image': 'Please send a photo as a JPEG, PNG or HEIC file.',
      'photo-heic-unsupported': 'We can\u2019t take HEIC photos at the moment. Please send it as a JPEG.',
      'photo-unreadable': 'We couldn\u2019t open that photo. Please try another one.',
      'photo-infected': 'That file can\u2019t be sent because our security check found a problem with it.',
      'photo-not-checked': 'We couldn\u2019t check your photo just now. Please try again in a minute.',
      'photo-too-many': 'You\u2019ve sent a lot of photos in a short time. Please wait a few minutes before sending more.'
    },
    cy: {
      launcher: 'Sgwrsio \u00e2 ni', title: 'Sgwrsio \u00e2 ni', close: 'Cau\u2019r sgwrs',
      runBy: 'Mae\u2019r sgwrs hon yn cael ei rhedeg gan {0}. ',
      privacy: 'Sut rydym yn defnyddio eich gwybodaeth', newTab: ' (yn agor mewn tab newydd)', from: 'O:',
      noCards: 'Peidiwch \u00e2 rhannu manylion banc na cherdyn yn y sgwrs hon.', type: 'Teipiwch eich neges',
      send: 'Anfon', newChat: 'Dechrau sgwrs newydd', endChat: 'Gorffen y sgwrs', download: 'Lawrlwytho\u2019r trawsgrifiad',
      log: 'Sgwrs', connecting: 'Wrthi\u2019n cysylltu\u2026', reconnecting: 'Wrthi\u2019n ailgysylltu\u2026',
      connected: 'Wedi cysylltu', queueAt: 'Rydych yn rhif {0} yn y ciw. ', queue: 'Rydych yn y ciw. ',
      soon: 'Bydd cynghorydd gyda chi cyn bo hir.', waits: ' Mae amseroedd aros diweddar wedi bod tua {0} munud.',
      waits1: ' Mae amseroedd aros diweddar wedi bod tua munud.',
      withAgent: 'Rydych yn sgwrsio \u00e2 {0}', adviser: 'chynghorydd', adviserName: 'Cynghorydd',
      ended: 'Mae\u2019r sgwrs hon wedi dod i ben', withBot: 'Rydych yn sgwrsio \u00e2\u2019n cynorthwyydd awtomatig',
      helper: 'Cynorthwyydd y cyngor', youSaid: 'Dywedoch chi: ', said: 'Dywedodd {0}: ', notice: 'Hysbysiad: ',
      suggested: 'Atebion awgrymedig', sending: 'Wrthi\u2019n anfon\u2026',
      failed: 'Mae\u2019n ddrwg gennym, aeth rhywbeth o\u2019i le. Rhowch gynnig arall arni.',
      typing: '{0} yn teipio\u2026', rateLegend: 'Sut oedd y sgwrs hon?', rate1: '1 Gwael iawn', rate2: '2 Gwael',
      rate3: '3 Iawn', rate4: '4 Da', rate5: '5 Da iawn', comment: 'Unrhyw beth i\u2019w ychwanegu? (dewisol)',
      sendRating: 'Anfon sg\u00f4r', pickScore: 'Dewiswch sg\u00f4r o 1 i 5.', thanks: 'Diolch am eich adborth.',
      idle: 'Ydych chi dal yno? Bydd y sgwrs hon yn dod i ben am {0} oni bai eich bod yn dewis ei chadw ar agor.',
      keepOpen: 'Cadw\u2019r sgwrs ar agor',
      timedOut: 'Mae\u2019r sgwrs hon wedi dod i ben gan na chafwyd ateb ers tro. Gallwch ddechrau sgwrs newydd unrhyw bryd.',
      you: 'Chi', transcript: 'Trawsgrifiad sgwrs', other: 'English', otherLang: 'en', locale: 'cy-GB',
      joined: 'Mae {0} o\u2019r ganolfan gyswllt wedi ymuno \u00e2\u2019r sgwrs.', agentEnded: 'Mae {0} wedi dod \u00e2\u2019r sgwrs i ben.',
      youEnded: 'Rydych wedi dod \u00e2\u2019r sgwrs i ben.', leftQueue: 'Rydych wedi gadael y ciw.',
      confirmEnd: 'Dod \u00e2\u2019ch sgwrs gyda {0} i ben?', confirmEndQueue: 'Gadael y ciw? Byddwch yn colli eich lle.',
      yesEnd: 'Ydw, dod \u00e2\u2019r sgwrs i ben', noKeep: 'Na, parhau i sgwrsio', someone: 'Cynghorydd',
      attach: 'Anfon llun', attachToMessage: 'Ychwanegu llun at eich neges', photoSending: 'Wrthi\u2019n anfon eich llun\u2026', photoYours: 'Eich llun',
      photoOpen: ' (yn agor yn llawn maint mewn tab newydd)',
      'photo-needs-a-person': 'Gallwch anfon llun unwaith y byddwch yn siarad \u00e2 chynghorydd neu\u2019n aros am un, neu gyda neges y byddwch yn ei gadael i\u2019n t\u00eem.',
      'photo-too-big': 'Mae\u2019r llun hwnnw\u2019n rhy fawr i\u2019w anfon. Dewiswch un o dan {0} MB.',
      emailChat: 'Anfon y sgwrs hon ataf drwy e-bost', emailLabel: 'Eich cyfeiriad e-bost', emailSend: 'Anfon y sgwrs',
      emailCancel: 'Canslo', emailSent: 'Rydym wedi anfon y sgwrs hon at {0}. Gall gymryd ychydig funudau i gyrraedd.',
      'email-not-valid': 'Rhowch gyfeiriad e-bost fel enw@enghraifft.com',
      'transcript-too-many': 'Mae\u2019r sgwrs hon wedi\u2019i hanfon 3 gwaith heddiw. Gallwch ei lawrlwytho o hyd.',
      'transcript-empty': 'Does dim byd yn y sgwrs hon i\u2019w anfon eto.',
      'transcript-not-offered': 'Mae\u2019n ddrwg gennym, ni allwn anfon sgyrsiau drwy e-bost ar hyn o bryd. Gallwch ei lawrlwytho yn lle hynny.',
      'photo-too-many-pixels': 'Mae\u2019r llun hwnnw\u2019n rhy fawr i\u2019w anfon. Dewiswch un llai.',
      'photo-not-an-image': 'Anfonwch lun fel ffeil JPEG, PNG neu HEIC.',
      'photo-heic-unsupported': 'Ni allwn dderbyn lluniau HEIC ar hyn o bryd. Anfonwch ef fel JPEG.',
      'photo-unreadable': 'Ni allem agor y llun hwnnw. Rhowch gynnig ar un arall.',
      'photo-infected': 'Ni ellir anfon y ffeil honno gan fod ein gwiriad diogelwch wedi canfod problem gyda hi.',
      'photo-not-checked': 'Ni allem wirio eich llun ar hyn o bryd. Rhowch gynnig arall arni mewn munud.',
      'photo-too-many': 'Rydych wedi anfon llawer o luniau mewn amser byr. Arhoswch ychydig funudau cyn anfon rhagor.'
    }
  };

  // ---- sessionStorage (may be unavailable) --------------------------------------------------
  // Per council: pages of two councils on one site (a shared service's) each keep their own chat.
  const P = 'councilChat.' + (COUNCIL ? COUNCIL + '.' : '');
  const get = k => { try { return sessionStorage.getItem(P + k); } catch (e) { return null; } };
  const put = (k, v) => {
    try { v == null ? sessionStorage.removeItem(P + k) : sessionStorage.setItem(P + k, v); } catch (e) { /* ignore */ }
  };

  // The resident's last choice in this tab, else the page's setting, else the page's own language.
  const docLang = (doc.documentElement.lang || '').slice(0, 2).toLowerCase();
  let lang = [get('lang'), cfg.language, docLang].find(l => l === 'en' || l === 'cy') || 'en';

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
  // UK phone numbers in what the council says (helplines after a disclosure, a service's number): one tap calls
  // them on a phone. 999, 116 123 and Childline's 0800 1111 by name; otherwise a 0 or +44 and 9 or 10 more digits.
  // No lookbehind: older Safari cannot parse it, and a widget that fails to parse helps nobody.
  const PHONE = /(^|[^\d+])(999|116 ?\d{3}|0800 ?1111|(?:\+44 ?|0)\d(?:[ -]?\d){8,9})(?!\d)/g;
  const dialable = text => {
    const out = [];
    let at = 0;
    for (const m of text.matchAll(PHONE)) {
      const start = m.index + m[1].length;
      if (start > at) out.push(text.slice(at, start));
      out.push(el('a', { class: 'cc-tel', href: 'tel:' + m[2].replace(/[^\d+]/g, '') }, [m[2]]));
      at = start + m[2].length;
    }
    if (at < text.length) out.push(text.slice(at));
    return out;
  };
  const t = (key, ...args) => (WORDS[lang][key] || WORDS.en[key]).replace(/\{(\d)\}/g, (m, i) => String(args[i]));
  const arr = x => (Array.isArray(x) ? x : []);
  // Link URLs: only https:// or site-relative (not protocol-relative); relative ones are the chat server's.
  const safe = u => typeof u === 'string' && (/^https:\/\//i.test(u) || /^\/(?![/\\])/.test(u));
  const abs = u => new URL(u, base + '/').href;
  // An answer may also give an email address or a phone number to tap; these open the resident's mail or phone app,
  // not a new tab.
  const contact = u => typeof u === 'string' && /^(mailto|tel):[^\s]/i.test(u);

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

  // ---- Markup (labels are filled in by relabel(), in the resident's language) ------------------
  const launcher = el('button', {
    type: 'button', id: 'cc-launcher', class: 'cc-launcher', 'aria-expanded': 'false', 'aria-controls': 'cc-panel',
    onclick: () => (isOpen() ? close() : open())
  });
  let councilText = ''; // from the welcome: the council's name
  let botName = ''; // from the welcome: the council's name for its bot
  let greetings = {}; // from the welcome of a chat with nothing in it yet: the bot's first words, by language
  const councilName = el('span');
  const privacyText = el('span'), privacyTab = vh('');
  const privacy = el('a', { href: base + '/privacy', target: '_blank', rel: 'noopener' }, [privacyText, privacyTab]);
  const noCards = el('p');
  const status = el('p', { id: 'cc-status', class: 'cc-status', role: 'status' });
  const log = el('ol', { id: 'cc-log', class: 'cc-log', tabindex: '0' });
  const live = el('div', { id: 'cc-live', class: 'cc-vh', 'aria-live': 'polite' });
  const alarm = el('div', { class: 'cc-vh', role: 'alert' }); // the idle warning: said at once, not queued
  const typingEl = el('p', { class: 'cc-typing', hidden: true, 'aria-hidden': 'true' });
  const input = el('textarea', {
    id: 'cc-input', class: 'cc-input', name: 'message', rows: '2', maxlength: MAX,
    onkeydown: e => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) { e.preventDefault(); submit(); }
    },
    oninput: () => { active(); typed(); }
  });
  const inputLabel = el('label', { for: 'cc-input', class: 'cc-vh' });
  const sendBtn = el('button', { type: 'submit', id: 'cc-send', class: 'cc-send' });
  const newBtn = el('button', { type: 'button', class: 'cc-new', hidden: true, onclick: () => newChat() });
  const langBtn = el('button', { type: 'button', class: 'cc-lang', onclick: () => switchLanguage() });
  const endBtn = el('button', { type: 'button', class: 'cc-end', hidden: true, onclick: () => askToEnd() });
  const saveBtn = el('button', { type: 'button', class: 'cc-save', hidden: true, onclick: () => downloadTranscript() });
  // The chat by e-mail, where the council sends it (GOV.UK Notify): the address is asked for in the panel itself.
  let emailOffered = false;
  const emailBtn = el('button', { type: 'button', class: 'cc-email', hidden: true, 'aria-expanded': 'false',
    onclick: () => showEmailForm(emailBox.hidden) });
  const emailInput = el('input', { type: 'email', id: 'cc-email-address', class: 'cc-email-address', name: 'email',
    autocomplete: 'email', spellcheck: 'false', 'aria-describedby': 'cc-email-error' });
  const emailError = el('p', { id: 'cc-email-error', class: 'cc-email-error' });
  const emailBox = el('form', { class: 'cc-email-form', hidden: true, novalidate: '',
    onsubmit: e => { e.preventDefault(); emailChat(); } }, [
    el('label', { for: 'cc-email-address', class: 'cc-email-label' }), emailError, emailInput,
    el('button', { type: 'submit', class: 'cc-keep cc-email-send' }),
    el('button', { type: 'button', class: 'cc-keep cc-email-cancel', onclick: () => { showEmailForm(false); emailBtn.focus(); } })]);
  // A photo for the adviser (a pothole, fly-tipping, damp), once a person has the chat or is about to, or for the
  // message the resident just left (out of hours, the photo is most of a fly-tipping report). The file input is
  // only visually hidden: the button opens it, and assistive technology uses the button.
  const photoInput = el('input', {
    type: 'file', class: 'cc-vh cc-photo-input', tabindex: '-1', 'aria-hidden': 'true',
    accept: 'image/jpeg,image/png,image/heic,image/heif,.jpg,.jpeg,.png,.heic,.heif',
    onchange: () => { const f = photoInput.files && photoInput.files[0]; photoInput.value = ''; sendPhoto(f); }
  });
  const attachBtn = el('button', { type: 'button', class: 'cc-attach', hidden: true, onclick: () => photoInput.click() });
  let photoMax = 10 * 1024 * 1024; // from the welcome: the largest photo the server takes
  let photoCase = null; // the message left in this chat that photos can still be added to, as the server says
  const withPerson = () => !!st && (st.state === 'WAITING' || st.state === 'WITH_AGENT');
  const photosTaken = () => withPerson() || (!!photoCase && !!convId);
  const showAttach = () => {
    attachBtn.hidden = !photosTaken();
    attachBtn.textContent = withPerson() ? t('attach') : t('attachToMessage');
  };
  const closeBtn = el('button', { type: 'button', class: 'cc-close', onclick: () => close() },
    [el('span', { 'aria-hidden': 'true', text: '\u00d7' })]);
  const logo = safe(cfg.logo) ? el('img', { class: 'cc-logo', src: abs(cfg.logo), alt: '' }) : null;
  const titleEl = el('h2', { id: 'cc-title', class: 'cc-title' });
  const idleBox = el('div', { class: 'cc-idle', hidden: true }, [el('p', { class: 'cc-idle-text' }),
    el('button', { type: 'button', class: 'cc-keep', onclick: () => { active(); input.focus(); } })]);
  // Ending a chat with a person (or a place in the queue) cannot be undone, so it is asked once: a mis-tap on a
  // phone should not lose the adviser.
  const endBox = el('div', { class: 'cc-idle cc-confirm-end', role: 'group', hidden: true }, [
    el('p', { class: 'cc-idle-text', id: 'cc-confirm-end-text' }),
    el('button', { type: 'button', class: 'cc-keep cc-yes-end', onclick: () => { endBox.hidden = true; endChat(false); } }),
    el('button', { type: 'button', class: 'cc-keep cc-no-keep', onclick: () => { endBox.hidden = true; input.focus(); } })]);
  endBox.setAttribute('aria-labelledby', 'cc-confirm-end-text');
  const rateBox = el('form', { class: 'cc-rate', hidden: true, onsubmit: e => { e.preventDefault(); rate(); } });
  const panel = el('section', {
    id: 'cc-panel', class: 'cc-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'cc-title', hidden: true,
    onkeydown: e => { if (e.key === 'Escape' || e.key === 'Esc') { e.stopPropagation(); close(); } },
    onclick: () => active()
  }, [
    el('div', { class: 'cc-head' }, [logo, titleEl, langBtn, closeBtn]),
    status,
    el('div', { class: 'cc-intro' }, [el('p', null, [councilName, privacy]), noCards]),
    log,
    typingEl,
    idleBox,
    endBox,
    rateBox,
    emailBox,
    el('div', { class: 'cc-tools' }, [newBtn, attachBtn, saveBtn, emailBtn, endBtn]),
    el('form', { class: 'cc-form', onsubmit: e => { e.preventDefault(); submit(); } }, [inputLabel, input, sendBtn]),
    photoInput
  ]);
  // The live regions sit outside the panel so they stay in the accessibility tree while the panel is closed.
  root.append(launcher, panel, live, alarm);

  /** Puts every fixed string in the current language; messages already shown keep theirs. */
  const relabel = () => {
    const w = WORDS[lang];
    panel.setAttribute('lang', lang);
    launcher.setAttribute('lang', lang);
    launcher.textContent = w.launcher;
    titleEl.textContent = (lang === 'cy' ? cfg.titleCy : cfg.title) || w.title;
    closeBtn.setAttribute('aria-label', w.close);
    councilName.textContent = councilText ? t('runBy', councilText) : '';
    privacyText.textContent = w.privacy;
    privacyTab.textContent = w.newTab;
    noCards.textContent = w.noCards;
    log.setAttribute('aria-label', w.log);
    inputLabel.textContent = input.placeholder = w.type;
    sendBtn.textContent = w.send;
    newBtn.textContent = w.newChat;
    endBtn.textContent = w.endChat;
    saveBtn.textContent = w.download;
    emailBtn.textContent = w.emailChat;
    emailBox.children[0].textContent = w.emailLabel;
    emailBox.children[3].textContent = w.emailSend;
    emailBox.children[4].textContent = w.emailCancel;
    showAttach();
    langBtn.textContent = w.other;
    langBtn.setAttribute('lang', w.otherLang);
    idleBox.lastChild.textContent = w.keepOpen;
    endBox.children[1].textContent = w.yesEnd;
    endBox.children[2].textContent = w.noKeep;
    buildRating();
    if (typeof showStatus === 'function') showStatus();
    if (typeof greet === 'function') greet();
  };

  // ---- State ---  // ---- State ------------------------------------------------------------------------------
  let token = get('token');
  let convId = get('conversationId');
  let heard = +get('lastSeq') || 0; // highest seq this tab has already shown (survives reloads): not re-announced
  let lastSeq = 0; // highest seq rendered on this page: sent as hello.lastSeq
  let upTo = 0; // every seq up to this one is rendered: the replay starts after it (a server cut off may leave gaps)
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
    const wait = st && st.typicalWaitMinutes > 0 ? (st.typicalWaitMinutes === 1 ? t('waits1') : t('waits', st.typicalWaitMinutes)) : '';
    const text = conn === 'connecting' ? t('connecting')
      : conn === 'reconnecting' ? t('reconnecting')
      : s === 'WAITING' ? (st.queuePosition > 0 ? t('queueAt', st.queuePosition) : t('queue')) + t('soon') + wait
      : s === 'WITH_AGENT' ? t('withAgent', st.agentName || t('adviser'))
      : s === CLOSED ? t('ended')
      : s === 'BOT' ? t('withBot')
      : t('connected');
    if (status.textContent !== text) status.textContent = text;
  };
  // Nobody can be typing to a page that is not connected: the indicator goes with the connection.
  const setConn = c => { conn = c; panel.setAttribute('data-connection', c); if (c !== 'ok') typingEl.hidden = true; showStatus(); };
  const setState = s => {
    const was = st && st.state;
    const wasWith = st && st.agentName;
    st = s;
    if (s && s.state) panel.setAttribute('data-state', s.state); else panel.removeAttribute('data-state');
    const closed = isClosed();
    const f = doc.activeElement;
    input.disabled = sendBtn.disabled = closed;
    newBtn.hidden = !closed;
    endBtn.hidden = closed || !s || !convId;
    saveBtn.hidden = !log.querySelector('[data-seq]');
    emailBtn.hidden = saveBtn.hidden || !emailOffered || !token;
    showAttach();
    rateBox.hidden = !closed || get('rated') === convId;
    if (s && s.state !== 'WITH_AGENT') showTyping(null);
    if (closed) {
      log.querySelectorAll('.cc-quick').forEach(b => { b.disabled = true; });
      idleBox.hidden = true;
      if (f && (f.disabled || f.hidden || !panel.contains(f) || f === endBtn || endBox.contains(f))) {
        // Don't strand keyboard focus on a control we just disabled or hid: offer the rating first.
        (rateBox.hidden ? newBtn : rateBox.querySelector('input')).focus();
      }
    }
    if (s && (s.state === 'WAITING' || s.state === 'WITH_AGENT') && was !== s.state) active();
    if (!s || closed || (s.state !== 'WITH_AGENT' && s.state !== 'WAITING')) endBox.hidden = true;
    // What happened, said in the conversation as well as in the status line. Not on a page's first status (a
    // reload or a resume shows where the chat is, not news), nor where the server says it in a notice of its own.
    if (was && s && s.state !== was) {
      if (s.state === 'WITH_AGENT' && was !== 'WITH_AGENT') notice(t('joined', s.agentName || t('someone')));
      else if (closed && ending !== 'timedOut') {
        if (was === 'WITH_AGENT') notice(ending ? t('youEnded') : t('agentEnded', wasWith || t('someone')));
        else if (was === 'WAITING' && ending) notice(t('leftQueue'));
      }
    }
    if (closed) ending = '';
    showStatus();
  };

  // ---- Rendering --------------------------------------------------------------------------
  const render = m => {
    const s = m.sender;
    const kind = s === 'RESIDENT' ? 'resident' : s === 'BOT' ? 'bot' : s === 'AGENT' ? 'agent' : 'system';
    const name = kind === 'bot' || kind === 'agent' ? String(m.senderName || (kind === 'bot' ? t('helper') : t('adviserName'))) : '';
    // An FAQ answer comes with its own structure (headings, lists, tables, links in place, its source page),
    // shown by the same script as the editor's preview and the agent console; lines and links are then only its
    // flattened copy, apart from a link the bot added under it.
    const answer = m.answer && typeof m.answer === 'object' && window.CouncilChatAnswer
      ? CouncilChatAnswer.render(m.answer, { doc, heading: 3, from: t('from'), newTab: t('newTab').trim(), words: dialable })
      : null;
    const who = vh(kind === 'resident' ? t('youSaid') : name ? t('said', name) : t('notice'));
    if (answer) {
      answer.classList.add('cc-text');
      answer.prepend(who);
    }
    const li = el('li', { class: 'cc-msg cc-from-' + kind }, [
      name && el('span', { class: 'cc-name', 'aria-hidden': 'true', text: name }),
      // A resident's own words stay as typed; the council's and its advisers' numbers can be tapped.
      answer || el('p', { class: 'cc-text' }, [who]
        .concat(m.text == null ? [] : kind === 'resident' ? [String(m.text)] : dialable(String(m.text))))
    ]);
    const inAnswer = new Set();
    if (answer) {
      li.ccAnswer = m.answer;
      answer.querySelectorAll('a[href]').forEach(a => inAnswer.add(a.getAttribute('href')));
      if (m.answer.source && m.answer.source.url) inAnswer.add(String(m.answer.source.url));
    }
    const lines = answer ? [] : arr(m.lines).filter(x => x != null).map(String);
    if (lines.length) li.append(el('ul', { class: 'cc-lines' }, lines.map(x => el('li', null, dialable(x)))));
    const links = arr(m.links).filter(l => l && (safe(l.url) || contact(l.url)) && !inAnswer.has(l.url));
    if (links.length) {
      li.append(el('ul', { class: 'cc-links' }, links.map(l => el('li', null, [contact(l.url)
        ? el('a', { href: l.url }, [String(l.title || l.url.replace(/^[a-z]+:/i, ''))])
        : el('a', { href: abs(l.url), target: '_blank', rel: 'noopener' }, [String(l.title || l.url), vh(t('newTab'))])
      ]))));
    }
    const p = m.photo;
    if (p && typeof p === 'object' && /^[A-Za-z0-9_-]{43}$/.test(String(p.id))) {
      const src = base + '/webchat/v1/photos/' + p.id;
      li.append(el('a', { class: 'cc-photo-link', href: src, target: '_blank', rel: 'noopener' }, [
        el('img', {
          class: 'cc-photo', src, alt: t('photoYours'), loading: 'lazy',
          width: p.width > 0 ? String(p.width) : null, height: p.height > 0 ? String(p.height) : null
        }),
        vh(t('photoOpen'))
      ]));
    }
    const btns = arr(m.buttons).filter(b => b && b.title && b.payload != null);
    if (btns.length) {
      const g = el('div', { class: 'cc-btns', role: 'group', 'aria-label': t('suggested') });
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
      li.append(el('time', { class: 'cc-time', datetime: m.sentAt, text: clock(d) }));
    }
    return li;
  };
  // 24-hour in both languages: Chromium's Welsh locale would otherwise say "06:55 PM".
  const clock = d => d.toLocaleTimeString(WORDS[lang].locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const pendingEl = o => el('li', { class: 'cc-msg cc-from-resident cc-pending' }, [
    el('p', { class: 'cc-text' }, [vh(t('youSaid')), o.text]),
    el('span', { class: 'cc-time', text: t('sending') })
  ]);
  const spoken = li => [li.querySelector('.cc-text').textContent]
    .concat([].map.call(li.querySelectorAll('.cc-lines li'), x => x.textContent)).join(' ');
  const notice = t => { const li = render({ sender: 'SYSTEM', text: t }); log.append(li); say(spoken(li)); down(); };
  // The bot's greeting, with its topic buttons, until the resident has said anything: shown, not stored (a chat
  // opened and never used keeps no transcript), and said again in the other language if the resident switches.
  const greet = () => {
    const shown = log.querySelector('.cc-greeting');
    const g = greetings[lang];
    if (!g || isClosed() || log.querySelector('[data-seq]') || outbox.length) {
      if (shown && !g) shown.remove();
      return;
    }
    if (shown && shown.getAttribute('lang') === lang) return; // a reconnect: already shown, and said
    const li = render(Object.assign({}, g, { sender: 'BOT', senderName: botName || t('helper'), sentAt: null, answer: null }));
    li.classList.add('cc-greeting');
    li.setAttribute('lang', lang);
    if (shown) shown.replaceWith(li); else log.prepend(li);
    say(spoken(li));
  };
  const resetLog = () => {
    [].slice.call(log.children).forEach(n => { if (!n.classList.contains('cc-pending')) n.remove(); });
    seen.clear();
    lastSeq = upTo = 0;
    panel.classList.remove('cc-started');
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
  // A catch-up (resync) sends no language: one missed while cut off must not be switched back from this tab.
  const hello = keepLanguage => pub('/app/resident/hello', keepLanguage ? { lastSeq, upTo } : { lastSeq, upTo, language: lang });
  // While some were turned away as too fast, newer ones wait too, so they are stored in the order they were typed.
  let slowDown = 0;
  let heldBack = false; // messages were turned away as too fast and not all have been taken since
  const flush = () => {
    if (ready && !slowDown) outbox.forEach(o => { if (!o.sent) o.sent = pub('/app/resident/message', { clientMessageId: o.id, text: o.text }); });
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
    active();
    if (typingSent) { typingSent = false; pub('/app/resident/typing', { typing: false }); }
    if (!st || st.state === 'BOT') showTyping(botName || t('helper'), 15000); // the bot is working on an answer
    return true;
  };
  const submit = () => { if (send(input.value)) input.value = ''; input.focus(); };
  // A photo goes over HTTP, not the chat connection (it is megabytes), with the chat's resume token as a form
  // field: a plain form post, so the council's page needs no CORS preflight. The stored message comes back in the
  // answer and, to every tab, over the connection.
  const showEmailForm = open => {
    emailBox.hidden = !open;
    emailBtn.setAttribute('aria-expanded', String(open));
    if (open) { emailError.textContent = ''; emailInput.removeAttribute('aria-invalid'); emailInput.focus(); }
  };
  const emailChat = () => {
    const address = emailInput.value.trim();
    const wrong = code => { emailError.textContent = t(code); emailInput.setAttribute('aria-invalid', 'true'); emailInput.focus(); };
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(address)) return wrong('email-not-valid');
    const form = new URLSearchParams({ token: token || '', email: address, language: lang });
    if (COUNCIL) form.append('council', COUNCIL);
    fetch(base + '/webchat/v1/transcript-email', { method: 'POST', body: form, credentials: 'omit', mode: 'cors' })
      .then(r => r.json().catch(() => ({})).then(body => ({ ok: r.ok, body })))
      .then(({ ok, body }) => {
        const code = body && typeof body.error === 'string' ? body.error : 'failed';
        if (!ok && code === 'email-not-valid') return wrong(code);
        if (ok) emailInput.value = ''; // not left for the next person at a shared computer
        showEmailForm(false);
        notice(ok ? t('emailSent', address) : t(WORDS.en[code] ? code : 'failed'));
        emailBtn.focus();
      })
      .catch(() => { showEmailForm(false); notice(t('failed')); emailBtn.focus(); });
  };
  const sendPhoto = file => {
    if (!file) return;
    const refuse = code => { notice(t(WORDS.en[code] ? code : 'failed', Math.floor(photoMax / 1048576))); attachBtn.focus(); };
    if (!token || !photosTaken()) return refuse('photo-needs-a-person');
    if (file.size > photoMax) return refuse('photo-too-big');
    const id = newId();
    const li = el('li', { class: 'cc-msg cc-from-resident cc-pending cc-photo-pending' }, [
      el('p', { class: 'cc-text' }, [vh(t('youSaid')), t('photoSending')])
    ]);
    log.append(li);
    down();
    say(t('photoSending'));
    active();
    const form = new FormData();
    form.append('token', token);
    if (COUNCIL) form.append('council', COUNCIL);
    form.append('clientMessageId', id);
    form.append('photo', file);
    fetch(base + '/webchat/v1/photos', { method: 'POST', body: form, credentials: 'omit', mode: 'cors' })
      .then(r => r.json().catch(() => ({})).then(body => ({ ok: r.ok, body })))
      .then(({ ok, body }) => {
        li.remove();
        if (ok && body && body.type === 'message') onMessage(body);
        else refuse(body && typeof body.error === 'string' ? body.error : 'failed');
      })
      .catch(() => { li.remove(); refuse('failed'); });
  };
  const ack = id => {
    const i = outbox.findIndex(o => o.id === id);
    if (i < 0) return null;
    const o = outbox.splice(i, 1)[0];
    o.el.remove();
    if (!outbox.length) heldBack = false;
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
    while (seen.has(upTo + 1)) upTo++;
    const li = render(m);
    li.setAttribute('data-seq', seq);
    let ref = null; // keep seq order; pending messages stay last
    for (const n of log.children) {
      if (n.classList.contains('cc-pending') || +n.getAttribute('data-seq') > seq) { ref = n; break; }
    }
    log.insertBefore(li, ref);
    saveBtn.hidden = false;
    emailBtn.hidden = !emailOffered || !token;
    // Once the conversation has begun, the introduction shrinks to its two links' line, so that on a laptop
    // screen the conversation, not the notice, has the room; the privacy link and the card warning stay.
    panel.classList.add('cc-started');
    if (m.sender === 'BOT' || m.sender === 'AGENT') showTyping(null);
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
      if (convId && e.conversationId !== convId) {
        // The token was not honoured (the chat ended a while ago, or is unknown): forget that chat entirely.
        resetLog(); heard = 0; put('lastSeq', null); put('rated', null);
        if (isClosed()) { setState(null); if (!rateBox.isConnected) panel.querySelector('.cc-thanks').replaceWith(rateBox); }
      }
      convId = e.conversationId || null;
      put('conversationId', convId);
      if (e.resumeToken) { token = e.resumeToken; put('token', token); }
      const c = e.council || {};
      if (safe(c.privacyUrl)) privacy.href = abs(c.privacyUrl);
      if (c.botName) botName = String(c.botName); // the council's own name for its bot, as its messages say
      if (c.name) { councilText = String(c.name); councilName.textContent = t('runBy', councilText); }
      // A council that chats in one language offers no switch to the other.
      if (Array.isArray(c.languages)) langBtn.hidden = !(c.languages.includes('en') && c.languages.includes('cy'));
      // The chat's language as the server keeps it (another tab, or the bot, may have switched it).
      greetings = e.greetings && typeof e.greetings === 'object' ? e.greetings : {};
      if (e.photoMaxBytes > 0) photoMax = Number(e.photoMaxBytes);
      photoCase = typeof e.photosWithMessage === 'string' ? e.photosWithMessage : null;
      showAttach();
      emailOffered = e.transcriptByEmail === true;
      if ((e.language === 'en' || e.language === 'cy') && e.language !== lang) { lang = e.language; put('lang', lang); relabel(); }
      greet();
      ready = true;
      attempt = retries = 0;
      setConn('ok');
      flush(); // resend anything unacknowledged, same ids, so the server de-duplicates
    } else if (e.type === 'message') onMessage(e);
    else if (e.type === 'status') setState(e);
    else if (e.type === 'messageLeft' && e.conversationId === convId) { photoCase = String(e.reference); showAttach(); }
    else if (e.type === 'language') {
      // The resident typed "Cymraeg" or "English": the widget's own words follow the bot's.
      if ((e.language === 'en' || e.language === 'cy') && e.language !== lang) { lang = e.language; put('lang', lang); relabel(); }
    } else if (e.type === 'resync') hello(true); // live events between servers were cut: ask for what was missed
    else if (e.type === 'typing') showTyping(e.typing ? String(e.name || t('adviserName')) : null, 10000);
    else if (e.type === 'rated') {
      put('rated', convId);
      const thanks = el('p', { class: 'cc-thanks', tabindex: '-1', text: t('thanks') });
      rateBox.replaceWith(thanks);
      say(t('thanks'));
      thanks.focus();
    }
  };
  const onError = e => {
    const c = e.code;
    // Several turned-away messages get one notice, not one each, until all of them have gone: a resend after the
    // pause may meet the limit again (it refills slowly), and that is the same wait, not news.
    const tooFast = c === 'too-fast' || c === 'slow-down';
    if (!tooFast || !heldBack) notice(String(e.message || t('failed')));
    if (tooFast) heldBack = true;
    if (c === 'message-too-long' || c === 'message-empty') {
      // Rejected for good: take the oldest unacknowledged message back into the text box.
      const o = outbox.find(x => x.sent);
      if (o) { ack(o.id); input.value = o.text + (input.value ? '\n' + input.value : ''); }
    } else if (c === 'no-conversation') {
      ready = false;
      outbox.forEach(o => { o.sent = false; });
      hello();
    } else if (tooFast) {
      // Dropped, not lost: the outbox still has it; send what is unacknowledged once the allowance refills.
      clearTimeout(slowDown);
      slowDown = setTimeout(() => {
        slowDown = 0;
        if (up && ready) { outbox.forEach(o => { o.sent = false; }); flush(); }
      }, 5000);
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
  // The STOMP client and the answer renderer are loaded from the chat server before the first connection, so
  // no answer is ever shown flattened for want of its script.
  const scripts = [['StompJs', '/webchat/v1/stomp.js'], ['CouncilChatAnswer', '/answers/v1/answer.js']];
  const connect = () => {
    timer = 0;
    const missing = scripts.filter(([name]) => !window[name]);
    if (!missing.length) { openSocket(); return; }
    let waiting = missing.length;
    let failed = false;
    missing.forEach(([name, path]) => {
      const s = el('script', {
        src: base + path, async: true,
        onload: () => { failed = failed || !window[name]; if (--waiting === 0) (failed ? retry() : openSocket()); },
        onerror: () => { s.remove(); failed = true; if (--waiting === 0) retry(); }
      });
      (doc.head || doc.documentElement).append(s);
    });
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
        // A hello sent right behind the SUBSCRIBE can, rarely, be answered before the server has the
        // subscription: say it again after 3 s, twice, before giving up on this connection.
        let hellos = 0;
        const awaitWelcome = () => {
          helloTimer = setTimeout(() => {
            if (c !== client || ready) return;
            if (++hellos < 3) { hello(); awaitWelcome(); } else { drop(); retry(); }
          }, 3000);
        };
        hello();
        awaitWelcome();
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
    token = convId = photoCase = null;
    showEmailForm(false);
    heard = 0;
    ['token', 'conversationId', 'lastSeq', 'rated'].forEach(k => put(k, null));
    if (!rateBox.isConnected) panel.querySelector('.cc-thanks').replaceWith(rateBox);
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

  // ---- Typing: the bot or agent working on an answer; the resident typing to an agent ---------
  let typingTimer = 0, typingSent = false, typedTimer = 0, lastTypedAt = 0;
  const showTyping = (name, ms) => {
    clearTimeout(typingTimer);
    typingEl.hidden = !name;
    if (name) {
      typingEl.textContent = t('typing', name);
      down();
      typingTimer = setTimeout(() => { typingEl.hidden = true; }, ms || 10000);
    }
  };
  const typed = () => {
    if (!st || st.state !== 'WITH_AGENT') return;
    const now = Date.now();
    if (!typingSent || now - lastTypedAt > 3000) { typingSent = pub('/app/resident/typing', { typing: true }); lastTypedAt = now; }
    clearTimeout(typedTimer);
    typedTimer = setTimeout(() => { if (typingSent) { typingSent = false; pub('/app/resident/typing', { typing: false }); } }, 4000);
  };

  // ---- Never a silent timeout: with a person, a quiet resident is warned and can keep the chat open ----
  let lastActive = Date.now(), warnedAt = 0;
  const active = () => {
    lastActive = Date.now();
    if (warnedAt) { warnedAt = 0; idleBox.hidden = true; alarm.textContent = ''; }
  };
  setInterval(() => {
    if (!withPerson() || !ready) return;
    const quiet = Date.now() - lastActive;
    if (!warnedAt && quiet >= IDLE_MS) {
      warnedAt = Date.now();
      const text = t('idle', clock(new Date(warnedAt + GRACE_MS)));
      idleBox.firstChild.textContent = text;
      idleBox.hidden = false;
      alarm.textContent = text;
      down();
    } else if (warnedAt && Date.now() - warnedAt >= GRACE_MS) {
      warnedAt = 0;
      idleBox.hidden = true;
      endChat(true);
    }
  }, 1000);

  // ---- Ending, rating, a copy of the conversation -------------------------------------------
  let ending = ''; // 'resident' or 'timedOut' while this page's own end of the chat is on its way
  const endChat = timedOut => {
    if (!convId || isClosed()) return;
    if (pub('/app/resident/end', { timedOut: !!timedOut })) {
      ending = timedOut ? 'timedOut' : 'resident';
      if (timedOut) notice(t('timedOut'));
    }
  };
  const askToEnd = () => {
    if (!withPerson()) { endChat(false); return; }
    endBox.firstChild.textContent = st.state === 'WITH_AGENT' ? t('confirmEnd', st.agentName || t('adviser')) : t('confirmEndQueue');
    endBox.hidden = false;
    down();
    endBox.children[2].focus();
  };
  const buildRating = () => {
    const chosen = rateBox.querySelector('input:checked');
    const comment = rateBox.querySelector('textarea');
    const kept = comment ? comment.value : '';
    rateBox.replaceChildren(el('fieldset', { class: 'cc-scores' }, [
      el('legend', { text: t('rateLegend') }),
      ...[1, 2, 3, 4, 5].map(n => el('label', { class: 'cc-score' }, [
        el('input', { type: 'radio', name: 'cc-score', value: String(n), checked: chosen && +chosen.value === n }),
        ' ' + t('rate' + n)
      ]))
    ]),
    el('label', { for: 'cc-comment', text: t('comment') }),
    el('textarea', { id: 'cc-comment', class: 'cc-input', rows: '2', maxlength: '1000' }),
    el('button', { type: 'submit', class: 'cc-send', text: t('sendRating') }));
    rateBox.querySelector('textarea').value = kept;
  };
  const rate = () => {
    const chosen = rateBox.querySelector('input:checked');
    if (!chosen) { say(t('pickScore')); rateBox.querySelector('input').focus(); return; }
    pub('/app/resident/rating', { score: +chosen.value, comment: rateBox.querySelector('textarea').value });
  };
  const downloadTranscript = () => {
    const lines = [t('transcript') + (councilText ? ' \u2013 ' + councilText : ''), new Date().toLocaleString(WORDS[lang].locale, { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' }), ''];
    log.querySelectorAll('li[data-seq]').forEach(li => {
      const name = li.classList.contains('cc-from-resident') ? t('you')
        : (li.querySelector('.cc-name') || {}).textContent || t('notice').replace(/: $/, '');
      const time = li.querySelector('time');
      const text = li.querySelector('.cc-text').cloneNode(true);
      text.querySelectorAll('.cc-vh').forEach(x => x.remove());
      lines.push((time ? '[' + time.textContent + '] ' : '') + name + ': ' + (li.ccAnswer ? '' : text.textContent));
      if (li.ccAnswer) {
        CouncilChatAnswer.plainText(li.ccAnswer, t('from')).split('\n').forEach(x => lines.push('  ' + x));
      }
      li.querySelectorAll('.cc-lines li').forEach(x => lines.push('  - ' + x.textContent));
      li.querySelectorAll('.cc-links a').forEach(a => lines.push('  ' + a.firstChild.textContent + ': ' + a.href));
    });
    const a = el('a', {
      href: URL.createObjectURL(new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/plain;charset=utf-8' })),
      download: 'chat-transcript-' + new Date().toISOString().slice(0, 10) + '.txt', class: 'cc-vh'
    });
    root.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 60000);
  };

  // ---- English / Cymraeg, at any point --------------------------------------------------------
  const switchLanguage = () => {
    lang = lang === 'en' ? 'cy' : 'en';
    put('lang', lang);
    relabel();
    if (ready) pub('/app/resident/language', { language: lang });
    langBtn.focus();
  };

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
  const hide = () => {
    panel.hidden = true;
    root.classList.remove('cc-open');
    launcher.setAttribute('aria-expanded', 'false');
    put('open', '0');
  };
  const close = () => {
    if (!isOpen()) return;
    hide();
    launcher.focus();
  };

  relabel();

  // ---- WCAG 2.4.11: the chat never hides what has the keyboard focus on the council's page --------
  const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  doc.addEventListener('focusin', e => {
    const f = e.target;
    if (!f || root.contains(f) || !f.getBoundingClientRect) return;
    const covered = () => {
      const r = f.getBoundingClientRect();
      return [launcher].concat(isOpen() ? [panel] : []).some(x => {
        const c = x.getBoundingClientRect();
        return c.width > 0 && overlaps(r, c);
      });
    };
    if (!covered()) return;
    // Bring it up to the top of the window, clear of the chat at the bottom; when that is not enough (a
    // phone-sized screen the chat fills, the foot of a page), the open chat steps aside without taking the focus.
    if (!(isOpen() && panel.getBoundingClientRect().height >= innerHeight * 0.9)) {
      scrollBy({ top: f.getBoundingClientRect().top - 16, behavior: 'instant' });
    }
    if (isOpen() && covered()) hide();
  });

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
