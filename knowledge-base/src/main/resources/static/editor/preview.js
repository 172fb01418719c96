// The FAQ form's live preview: as the editor types an answer, the server cleans it exactly as a save would and
// the result is drawn by answer.js, the very script the resident's widget and the agent console use, with the
// source line residents will see. Without JavaScript the form still works; the preview then shows the answer as
// last saved.
(function () {
  'use strict';
  const form = document.getElementById('faq-form');
  const answer = document.getElementById('answerHtml');
  const question = document.getElementById('question');
  const source = document.getElementById('sourceUrl');
  const preview = document.getElementById('preview');
  const note = document.getElementById('preview-note');
  if (!form || !answer || !preview || !note) {
    return;
  }
  const LIVE = 'Changes as you type.';
  const REMOVED = 'Some of the HTML you typed is not allowed and will be removed when you save: the preview shows what will be kept.';
  // Said once per change of state, not on every keystroke, so a screen reader is not talked over.
  note.setAttribute('aria-live', 'polite');
  note.textContent = LIVE;
  let timer = null;
  let latest = 0;

  async function refresh() {
    const asked = ++latest;
    const body = new URLSearchParams();
    body.set('answerHtml', answer.value);
    body.set('question', question ? question.value : '');
    body.set('sourceUrl', source && source.validity.valid ? source.value : '');
    const csrf = form.querySelector('input[name="_csrf"]');
    if (csrf) {
      body.set('_csrf', csrf.value);
    }
    try {
      const response = await fetch(form.dataset.preview, {
        method: 'POST',
        body: body,
        headers: { 'Accept': 'application/json' },
        credentials: 'same-origin'
      });
      if (!response.ok || asked !== latest) {
        return;
      }
      const cleaned = await response.json();
      const shown = window.CouncilChatAnswer
        ? window.CouncilChatAnswer.render(cleaned.answer, { heading: 3, from: 'From:', newTab: '(opens in a new tab)', hiddenClass: 'visually-hidden' })
        : null;
      preview.replaceChildren();
      if (shown) {
        preview.append(shown);
      }
      const said = cleaned.removed ? REMOVED : LIVE;
      if (note.textContent !== said) {
        note.textContent = said;
      }
    } catch (e) {
      // No preview this time; the next keystroke tries again and saving is unaffected.
    }
  }

  [answer, question, source].forEach(function (field) {
    if (field) {
      field.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(refresh, 300);
      });
    }
  });
  refresh();
})();
