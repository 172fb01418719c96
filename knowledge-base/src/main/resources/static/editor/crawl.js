// Follows a running crawl: asks the server where it is every second and moves the progress bar. The live
// region speaks only every tenth page and at the end, so a screen reader is not talked over. When the crawl
// ends the page is loaded again to show the report, with the keyboard focus on its heading.
(function () {
  'use strict';
  const section = document.getElementById('crawl');
  if (!section) {
    return;
  }
  document.querySelectorAll('.no-script-only').forEach(function (e) { e.hidden = true; });
  if (new URLSearchParams(location.search).has('finished')) {
    const heading = document.getElementById('crawl-heading');
    if (heading) {
      heading.focus();
    }
  }
  if (section.dataset.running !== 'true') {
    return;
  }
  const bar = document.getElementById('crawl-progress');
  const count = document.getElementById('crawl-count');
  const status = document.getElementById('crawl-status');
  const recent = document.getElementById('crawl-recent');
  let announced = 0;

  async function poll() {
    try {
      const response = await fetch(section.dataset.progress, { headers: { 'Accept': 'application/json' } });
      if (response.ok) {
        const crawl = await response.json();
        const expected = Math.max(crawl.done, Math.min(crawl.maxPages, crawl.done + crawl.waiting));
        bar.max = Math.max(expected, 1);
        bar.value = crawl.done;
        bar.textContent = crawl.done + ' of ' + expected;
        count.textContent = crawl.done + ' of ' + expected + ' pages found so far (at most ' + crawl.maxPages + ')';
        if (recent) {
          recent.replaceChildren(...crawl.recent.map(function (visit) {
            const item = document.createElement('li');
            item.textContent = visit.url + ': ' + visit.outcome;
            return item;
          }));
        }
        if (!crawl.running) {
          status.textContent = 'The crawl has finished.';
          location.assign(location.pathname + '?finished');
          return;
        }
        if (crawl.done - announced >= 10) {
          announced = crawl.done - (crawl.done % 10);
          status.textContent = crawl.done + ' pages dealt with.';
        }
      }
    } catch (e) {
      // The next poll tries again.
    }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 1000);
})();
