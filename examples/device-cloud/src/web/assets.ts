/**
 * The UI's only script and stylesheet, served as static files from `/ui/assets/` (the CSP allows
 * nothing inline). Kept as strings so the built package needs no copy step.
 */

/** Ticks Art. 14 countdowns from the deadline the server rendered; reloads live pages. */
export const APP_JS = `'use strict';
(function () {
  var pad = function (n) { return n < 10 ? '0' + n : String(n); };
  var span = function (ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    return (d > 0 ? d + ' d ' : '') + pad(h) + ' h ' + pad(m) + ' min ' + pad(s % 60) + ' s';
  };
  var tick = function () {
    var now = Date.now();
    document.querySelectorAll('time.countdown[datetime]').forEach(function (el) {
      var due = Date.parse(el.getAttribute('datetime'));
      if (isNaN(due)) return;
      var left = due - now;
      el.textContent = left >= 0 ? span(left) + ' left' : 'overdue by ' + span(left);
      el.classList.toggle('overdue', left < 0);
      el.classList.toggle('soon', left >= 0 && left < 6 * 3600 * 1000);
    });
  };
  tick();
  setInterval(tick, 1000);
  var live = document.querySelector('[data-refresh-seconds]');
  if (live) {
    var seconds = Math.max(2, Number(live.getAttribute('data-refresh-seconds')) || 5);
    setInterval(function () {
      var active = document.activeElement;
      // Never throw away what an operator is typing.
      if (active && (active.tagName === 'INPUT' || active.tagName === 'TEXTAREA' || active.tagName === 'SELECT')) return;
      location.reload();
    }, seconds * 1000);
  }
})();
`;

export const APP_CSS = `:root { color-scheme: light; --fg: #1d2433; --muted: #5b6578; --line: #d9dee8; --accent: #1f5fbf; --bad: #b42318; --warn: #b54708; --ok: #067647; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: #f6f7fa; }
header { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.5rem; background: #10243f; color: #fff; }
header nav { display: flex; gap: 1.1rem; }
header a { color: #dce7f7; text-decoration: none; }
header a[aria-current="page"] { color: #fff; font-weight: 600; text-decoration: underline; }
header .who { margin-left: auto; display: flex; gap: .8rem; align-items: center; color: #b9c6d8; }
header form { margin: 0; }
main { max-width: 1100px; margin: 1.5rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f6; font-weight: 600; }
code { font-size: .9em; }
.empty, .muted { color: var(--muted); }
.ok { color: var(--ok); } .bad, .overdue { color: var(--bad); font-weight: 600; } .soon { color: var(--warn); font-weight: 600; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 1rem; background: #e4e9f2; font-size: .85em; }
.badge.bad { background: #fde3e1; } .badge.ok { background: #dcf5e8; }
form.inline { display: inline; }
form.inline label { display: inline; margin: 0 .3rem; font-weight: normal; }
form.inline input:not([type=hidden]) { width: 8rem; }
form.card, .card { background: #fff; border: 1px solid var(--line); padding: 1rem; margin: 1rem 0; }
label { display: block; margin: .4rem 0 .2rem; font-weight: 600; }
input, select, textarea { font: inherit; padding: .35rem .5rem; border: 1px solid #aab3c3; border-radius: 4px; }
textarea { width: 100%; min-height: 4rem; }
button { font: inherit; padding: .35rem .9rem; border: 0; border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: #5b6578; } button.danger { background: var(--bad); }
.login { max-width: 360px; margin: 4rem auto; }
.error { border-left: 4px solid var(--bad); background: #fff; padding: .6rem 1rem; }
progress { width: 10rem; }
time.countdown { font-variant-numeric: tabular-nums; }
`;
