/*
 * Council Chat supervisor live view: polls /supervisor/live (JSON) every 5 seconds and redraws the queue and
 * agents tables. Updates are not announced (every 5 seconds would drown a screen reader); the summary and
 * tables are there to read at any time. The one exception: an urgent chat (a disclosure of risk) that has waited
 * longer than the council allows is announced once, and its banner turns red. Data goes into the page with
 * textContent only, never innerHTML.
 */
(function () {
  'use strict';

  var POLL_MS = 5000;
  var STATUS = { ONLINE: 'Online', AWAY: 'Away', OFFLINE: 'Offline' };
  var LANGUAGE = { en: 'English', cy: 'Welsh (Cymraeg)' };
  var failures = 0;
  var alerted = new Set(); // urgent chats already announced as waiting too long

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function duration(seconds) {
    var s = Math.max(0, Math.floor(Number(seconds) || 0));
    if (s < 60) { return 'under 1 min'; }
    var mins = Math.floor(s / 60);
    if (mins < 60) { return mins + ' min'; }
    return Math.floor(mins / 60) + ' h' + (mins % 60 ? ' ' + (mins % 60) + ' min' : '');
  }

  function humanise(value) {
    if (!value) { return ''; }
    var words = String(value).replace(/[_\-]+/g, ' ').trim().toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function shortId(id) { return String(id || '').slice(0, 8); }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function row(cells, headerFirst) {
    var tr = el('tr');
    cells.forEach(function (cell, i) {
      var td = el(i === 0 && headerFirst ? 'th' : 'td');
      if (i === 0 && headerFirst) { td.setAttribute('scope', 'row'); }
      if (cell instanceof Node) { td.appendChild(cell); } else { td.textContent = cell; }
      tr.appendChild(td);
    });
    return tr;
  }

  /** The banner of urgent chats with how long each has waited; red, and announced once, past the limit. */
  function renderUrgent(waiting, limitSeconds) {
    var urgent = waiting.filter(function (w) { return w.urgent; });
    var banner = $('sv-urgent');
    var list = $('sv-urgent-list');
    clear(list);
    var overdue = [];
    urgent.forEach(function (w) {
      var late = w.waitSeconds >= limitSeconds;
      if (late) { overdue.push(w); }
      list.appendChild(el('li', null, 'Chat ' + shortId(w.conversationId) + ' has waited ' + duration(w.waitSeconds) +
        (late ? ', longer than ' + duration(limitSeconds) : '')));
    });
    banner.hidden = urgent.length === 0;
    banner.classList.toggle('sv-urgent-overdue', overdue.length > 0);
    var news = overdue.filter(function (w) { return !alerted.has(w.conversationId); });
    news.forEach(function (w) { alerted.add(w.conversationId); });
    if (news.length > 0) {
      $('sv-urgent-alert').textContent = (news.length === 1 ? 'An urgent chat has' : news.length + ' urgent chats have') +
        ' waited longer than ' + duration(limitSeconds) + '.';
    }
  }

  /** Each council's waiting chats, longest wait and agents online, then all of them: for a shared service. */
  function renderByCouncil(councils) {
    var wrap = $('sv-by-council-wrap');
    var body = document.querySelector('#sv-by-council tbody');
    clear(body);
    wrap.hidden = councils.length === 0;
    if (councils.length === 0) { return; }
    var waiting = 0;
    var longest = null;
    var online = 0;
    councils.forEach(function (c) {
      var name = el('span', 'ac-council', c.name);
      if (c.colour) { name.style.borderLeftColor = c.colour; }
      body.appendChild(row([name, String(c.waiting),
        c.longestWaitSeconds === null || c.longestWaitSeconds === undefined ? 'No one waiting' : duration(c.longestWaitSeconds),
        String(c.agentsOnline)], true));
      waiting += Number(c.waiting) || 0;
      if (c.longestWaitSeconds !== null && c.longestWaitSeconds !== undefined) {
        longest = longest === null ? c.longestWaitSeconds : Math.max(longest, c.longestWaitSeconds);
      }
      online += Number(c.agentsOnline) || 0;
    });
    // An agent of several councils counts once for each: "agents online" per council, not a head count.
    body.appendChild(row(['All your councils', String(waiting), longest === null ? 'No one waiting' : duration(longest),
      String(online) + ' (an agent of several councils counts for each)'], true));
  }

  function render(live) {
    var waiting = Array.isArray(live.waiting) ? live.waiting : [];
    var agents = Array.isArray(live.agents) ? live.agents : [];
    var several = Boolean(live.severalCouncils);
    renderByCouncil(Array.isArray(live.councils) ? live.councils : []);
    document.querySelectorAll('.sv-council-column').forEach(function (th) { th.hidden = !several; });

    $('sv-waiting-count').textContent = String(waiting.length);
    $('sv-longest-wait').textContent = live.longestWaitSeconds === null || live.longestWaitSeconds === undefined
      ? 'No one waiting' : duration(live.longestWaitSeconds);
    $('sv-online-count').textContent = String(agents.filter(function (a) { return a.status === 'ONLINE'; }).length) +
      ' of ' + agents.length;

    renderUrgent(waiting, Number(live.urgentAlertAfterSeconds) || 120);

    var queueBody = document.querySelector('#sv-queue tbody');
    clear(queueBody);
    waiting.forEach(function (w) {
      var language = el('span', w.language === 'cy' ? 'ac-badge ac-badge-welsh' : null, LANGUAGE[w.language] || w.language || '');
      var position = el('span', null, String(w.position));
      if (w.urgent) {
        position.appendChild(document.createTextNode(' '));
        position.appendChild(el('strong', 'ac-badge ac-badge-urgent', 'Urgent'));
      }
      var cells = [position, duration(w.waitSeconds)];
      if (several) { cells.push(w.councilName || w.councilId || ''); }
      queueBody.appendChild(row(cells.concat([
        language,
        w.skill ? humanise(w.skill) : 'Any',
        'Chat ' + shortId(w.conversationId)
      ]), true));
    });
    $('sv-queue-empty').hidden = waiting.length > 0;
    $('sv-queue').closest('.ac-table-wrap').hidden = waiting.length === 0;

    var agentsBody = document.querySelector('#sv-agents tbody');
    clear(agentsBody);
    agents.forEach(function (a) {
      var chats;
      if (Array.isArray(a.chats) && a.chats.length) {
        chats = el('ul', 'ac-plain-list');
        a.chats.forEach(function (c) {
          chats.appendChild(el('li', null, 'Chat ' + shortId(c.conversationId) +
            (several && c.councilName ? ', ' + c.councilName : '') +
            (c.language === 'cy' ? ' (Welsh)' : '') + ', for ' + duration(c.heldSeconds)));
        });
      } else {
        chats = el('span', null, 'None');
      }
      var status = el('span', 'ac-status ac-status-' + String(a.status || '').toLowerCase(), STATUS[a.status] || a.status);
      var languages = (Array.isArray(a.languages) ? a.languages : []).map(function (l) { return LANGUAGE[l] || l; }).join(', ');
      agentsBody.appendChild(row([a.name || a.username, status, languages, chats], true));
    });

    $('sv-updated').textContent = 'Last updated ' + new Date().toLocaleTimeString('en-GB') + '.';
  }

  function poll() {
    var url = document.getElementById('ac-main').getAttribute('data-live-url') || '/supervisor/live';
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      })
      .then(function (live) {
        failures = 0;
        var alert = $('sv-alert');
        clear(alert);
        render(live);
      })
      .catch(function () {
        failures += 1;
        if (failures === 2) {
          var alert = $('sv-alert');
          clear(alert);
          alert.appendChild(el('p', null, 'The live view could not update. It will keep trying; if this goes on, reload the page or sign in again.'));
        }
      })
      .then(function () { setTimeout(poll, POLL_MS); });
  }

  function init() { poll(); }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
