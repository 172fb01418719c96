/*
 * Council Chat intent model page: while a retraining runs, polls /editor/model/status every 2 seconds and
 * shows its stage in the progress box; when it has finished, reloads the page to show the outcome. Without
 * JavaScript the page's "Check progress" link does the same by hand. Text only, never innerHTML.
 */
(function () {
  'use strict';

  var POLL_MS = 2000;
  var url = document.getElementById('main').getAttribute('data-status-url');
  var stage = document.getElementById('progress-stage');

  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status || status.retraining !== 'RUNNING') {
          window.location.reload();
          return;
        }
        if (stage) {
          stage.textContent = status.total > 0
            ? status.stage + ': ' + status.done + ' of ' + status.total + ', ' + status.seconds + ' s so far'
            : status.stage + ', ' + status.seconds + ' s so far';
        }
        window.setTimeout(poll, POLL_MS);
      })
      .catch(function () { window.setTimeout(poll, POLL_MS * 5); });
  }

  window.setTimeout(poll, POLL_MS);
}());
