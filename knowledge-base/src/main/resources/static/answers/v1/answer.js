/*
 * Council Chat: one way to show an FAQ answer, used by the resident's widget, the editor's preview and the agent
 * console, so that what an editor previews is what residents and agents see.
 *
 * The server sends an answer as a small typed document (docs/chat-protocol.md, "answer"): headings, paragraphs,
 * lists and tables made of runs of words, some of them links, and the page it comes from. It is built here with
 * DOM calls only (never innerHTML), and a link is kept only when it is https:, mailto: or tel:, even though the
 * server has already cleaned it: a page that shows an answer should not have to trust that.
 *
 *   CouncilChatAnswer.render(answer, options)  -> an element (div.cc-answer), or null for an empty answer
 *   CouncilChatAnswer.plainText(answer, from)  -> the answer as text, line by line, for a saved transcript
 *
 * options: doc (the document), heading (heading level, 2-6; default 3), from ("From:"), newTab (the hidden
 * "opens in a new tab" words) in an element of class hiddenClass (default cc-vh), words(text) (turns plain
 * words into nodes, e.g. phone numbers to tap).
 */
(function (global) {
  'use strict';
  var arr = function (x) { return Array.isArray(x) ? x : []; };
  var str = function (x) { return x == null ? '' : String(x); };
  var contact = function (u) { return /^(mailto|tel):[^\s]/i.test(u); };
  var web = function (u) { return /^https:\/\/[^\s/]/i.test(u); };

  function render(answer, options) {
    var o = options || {};
    var doc = o.doc || global.document;
    var level = Math.min(6, Math.max(2, +o.heading || 3));
    var words = typeof o.words === 'function' ? o.words : function (t) { return [t]; };
    var make = function (tag, cls) { var e = doc.createElement(tag); if (cls) e.className = cls; return e; };
    var append = function (parent, kids) {
      kids.forEach(function (k) { if (k != null) parent.append(k); }); // strings become text nodes
      return parent;
    };
    var link = function (href, kids, hidden) {
      var a = make('a');
      a.href = href;
      if (!contact(href)) {
        a.target = '_blank';
        a.rel = 'noopener';
      }
      append(a, kids);
      if (!contact(href) && hidden) {
        var vh = make('span', o.hiddenClass || 'cc-vh');
        vh.textContent = hidden;
        a.append(vh);
      }
      return a;
    };
    var spans = function (parent, runs) {
      arr(runs).forEach(function (s) {
        if (!s || s.text == null) return;
        var text = str(s.text);
        var href = typeof s.href === 'string' ? s.href.trim() : '';
        var node;
        if (href && (web(href) || contact(href))) {
          node = link(href, [text], o.newTab ? ' ' + o.newTab : '');
        } else {
          node = doc.createDocumentFragment();
          append(node, words(text));
        }
        if (s.emphasis) { var em = make('em'); em.append(node); node = em; }
        if (s.strong) { var b = make('strong'); b.append(node); node = b; }
        parent.append(node);
      });
      return parent;
    };
    if (!answer || typeof answer !== 'object') return null;
    var box = make('div', 'cc-answer');
    arr(answer.blocks).forEach(function (b) {
      if (!b) return;
      if (b.type === 'heading') box.append(spans(make('h' + level, 'cc-answer-heading'), b.text));
      else if (b.type === 'paragraph') box.append(spans(make('p'), b.text));
      else if (b.type === 'list') {
        var list = make(b.numbered ? 'ol' : 'ul');
        arr(b.items).forEach(function (item) { list.append(spans(make('li'), item)); });
        box.append(list);
      } else if (b.type === 'table') {
        var table = make('table');
        if (b.caption) { var cap = make('caption'); cap.textContent = str(b.caption); table.append(cap); }
        var rows = arr(b.rows).filter(function (r) { return r && arr(r.cells).length; });
        var head = rows.length > 1 && arr(rows[0].cells).every(function (c) { return c && c.header; });
        var body = make('tbody');
        rows.forEach(function (r, i) {
          var tr = make('tr');
          arr(r.cells).forEach(function (c, j) {
            var cell = make(c && c.header ? 'th' : 'td');
            if (c && c.header) cell.scope = head && i === 0 ? 'col' : 'row';
            tr.append(spans(cell, c && c.text));
          });
          if (head && i === 0) { var thead = make('thead'); thead.append(tr); table.append(thead); } else body.append(tr);
        });
        table.append(body);
        box.append(table);
      }
    });
    var source = answer.source;
    if (source && typeof source.url === 'string' && web(source.url.trim())) {
      var p = make('p', 'cc-answer-source');
      append(p, [str(o.from || 'From:') + ' ', link(source.url.trim(), [str(source.title || source.site)], o.newTab ? ' ' + o.newTab : ''),
        source.site ? ', ' + str(source.site) : '']);
      box.append(p);
    }
    return box.childNodes.length ? box : null;
  }

  function plainText(answer, from) {
    var lines = [];
    var words = function (runs) {
      return arr(runs).map(function (s) {
        if (!s) return '';
        var text = str(s.text);
        var href = typeof s.href === 'string' ? s.href.replace(/^(mailto|tel):/i, '') : '';
        return href && href !== text.trim() ? text + ' (' + href + ')' : text;
      }).join('');
    };
    if (!answer || typeof answer !== 'object') return '';
    arr(answer.blocks).forEach(function (b) {
      if (!b) return;
      if (b.type === 'heading' || b.type === 'paragraph') lines.push(words(b.text));
      else if (b.type === 'list') arr(b.items).forEach(function (item, i) { lines.push((b.numbered ? (i + 1) + '. ' : '- ') + words(item)); });
      else if (b.type === 'table') {
        if (b.caption) lines.push(str(b.caption));
        arr(b.rows).forEach(function (r) { lines.push(arr(r && r.cells).map(function (c) { return words(c && c.text); }).join(' | ')); });
      }
    });
    if (answer.source && answer.source.url) {
      lines.push(str(from || 'From:') + ' ' + str(answer.source.title || answer.source.site) + ', ' + str(answer.source.url));
    }
    return lines.join('\n');
  }

  global.CouncilChatAnswer = { render: render, plainText: plainText };
})(window);
