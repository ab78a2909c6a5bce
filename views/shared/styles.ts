/** The one stylesheet, served at /static/vigil.css: plain, legible, printable. */
export const stylesheet = `
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --bad: #a40e26; --bad-bg: #ffebe9; --ok: #116329; --warn: #7d4e00; --accent: #0b4f8a; --focus: #b34700; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
/* Every focusable thing shows where the keyboard is, in a colour at least 3:1 against the page (WCAG 1.4.11). */
:where(a, button, input, select, textarea, summary, [tabindex]):focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 1; }
header.site { display: flex; align-items: baseline; gap: 2rem; padding: .75rem 1.5rem; border-bottom: 1px solid var(--line); }
header.site .brand { font-weight: 700; font-size: 1.25rem; text-decoration: none; color: var(--ink); }
header.site nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
main { padding: 1rem 1.5rem 3rem; max-width: 72rem; }
footer.site { padding: 1rem 1.5rem; color: var(--muted); border-top: 1px solid var(--line); font-size: .875rem; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: #f6f8fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
.ok { color: var(--ok); font-weight: 600; }
.failed { color: var(--bad); font-weight: 600; }
.running { color: var(--warn); font-weight: 600; }
.alert { border: 1px solid var(--bad); background: var(--bad-bg); padding: .75rem 1rem; border-radius: 4px; margin: 1rem 0; }
.error-text { color: var(--bad); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.site form.account { margin-left: auto; display: flex; gap: .5rem; align-items: baseline; }
button { font: inherit; padding: .35rem .8rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
input, select, textarea { font: inherit; padding: .3rem .4rem; border: 1px solid #8c959f; border-radius: 4px; max-width: 100%; }
input.wide { width: 100%; }
form.stack { display: flex; flex-direction: column; gap: .35rem; max-width: 32rem; margin: .75rem 0; }
form.stack button { align-self: flex-start; }
form.inline { display: inline; }
form.filters, form.inline-fields { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; margin: 1rem 0; }
.field { display: flex; flex-direction: column; gap: .2rem; }
section.narrow { max-width: 28rem; }
ul.counts { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; }
ul.counts a[aria-current] { font-weight: 700; }
ul.reasons { margin: .25rem 0; padding-left: 1.1rem; font-size: .9rem; }
.class { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .85rem; font-weight: 600; white-space: nowrap; border: 1px solid var(--line); }
.class-1 { background: var(--bad); color: #fff; border-color: var(--bad); }
.class-2 { background: #fff1c2; color: var(--warn); border-color: #d4a72c; }
.badge { color: var(--accent); font-weight: 700; font-size: .85rem; }
.badge.early { color: #7a3e00; }
.sequestered { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .85rem; font-weight: 700; white-space: nowrap; color: var(--bad); background: var(--bad-bg); border: 1px solid var(--bad); }
.sequestered a { color: inherit; }
tr.new { background: #f1f8ff; }
.notice { border: 1px solid var(--ok); background: #dafbe1; padding: .5rem 1rem; border-radius: 4px; }
.pre { white-space: pre-wrap; }
.due-soon { border: 1px solid #d4a72c; background: #fff8c5; padding: .5rem 1rem; border-radius: 4px; }
a.button { display: inline-block; padding: .35rem .8rem; border-radius: 4px; background: var(--accent); color: #fff; text-decoration: none; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: .75rem 0; display: flex; flex-direction: column; gap: .35rem; }
details.edit { margin: .5rem 0; } details.edit > summary { cursor: pointer; color: var(--accent); }
ul.reasoning li { margin: .25rem 0; }
#mdr-due h2 { margin-top: 0; }
.lead { font-size: 1.1rem; }
section.card { border: 1px solid var(--line); border-radius: 6px; padding: .25rem 1rem; background: #fbfcfd; }
div.quick { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
#assets tr.current, #assets tr[data-asset]:focus { outline: 3px solid #f2a900; outline-offset: -3px; }
dl.facts, dl.record { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.record dt, dl.facts dt { font-weight: 600; }
dl.record dd, dl.facts dd { margin: 0; }
ol.timeline { padding-left: 1.2rem; }
nav.pages { margin: 1rem 0; display: flex; gap: 1rem; }
@media print { header.site nav, header.site details.site-menu, .skip { display: none; } }
header.site details.site-menu { display: none; }
header.site details.site-menu > summary { cursor: pointer; color: var(--accent); font-weight: 600; }
header.site details.site-menu ul { flex-direction: column; gap: .35rem; margin-top: .5rem; }
@media print {
  header.site form.account, main form, .no-print { display: none; }
  main { max-width: none; padding: 0; }
  body { font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, table.assets { break-inside: avoid; }
  table.assets caption { text-align: left; }
  th { background: none; border-bottom: 1px solid #000; }
  table.compliance tbody.recall { break-inside: avoid-page; }
}
.draft-mark { font-size: 2rem; font-weight: 800; letter-spacing: .3em; text-align: center; color: var(--bad); border: 3px solid var(--bad); padding: .25rem; margin: .5rem 0 1rem; }
.empty { color: var(--muted); }
table.form-blocks th.block { width: 6rem; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.form-blocks td:nth-child(2) { width: 40%; }
code.hash { font-size: .8rem; word-break: break-all; }
@media print {
  .draft-mark { color: #000; border-color: #000; }
  section.form-section, div.part { break-inside: avoid-page; }
  h2, h3 { break-after: avoid; }
}
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.5rem; margin: 0; }
dl.fields dt { font-weight: 600; } dl.fields dd { margin: 0; }
section.trends figure { margin: .5rem 0; }
svg.trend-chart { width: 100%; max-width: 48rem; height: auto; font-size: 11px; fill: var(--ink); }
svg.trend-chart line.axis { stroke: var(--ink); } svg.trend-chart line.grid { stroke: var(--line); stroke-dasharray: 4 3; }
svg.trend-chart rect { stroke: #fff; stroke-width: .5; }
ul.legend { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; margin: .25rem 0; }
ul.legend svg.swatch { width: .9em; height: .9em; vertical-align: -.1em; margin-right: .3em; }
.tops { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; align-items: start; margin-top: 1rem; }
table.top caption { text-align: left; font-weight: 600; }
.with-facets { display: grid; grid-template-columns: minmax(0, 1fr) 15rem; gap: 1.5rem; align-items: start; }
@media (max-width: 60rem) { .with-facets { grid-template-columns: 1fr; } }
aside.facets h4 { margin: 0 0 .25rem; font-size: 1rem; } aside.facets ul { list-style: none; margin: 0 0 1rem; padding: 0; }
mark { background: #fff1c2; color: inherit; font-weight: 600; }
/* The fishbone beside its list; the list goes under it where the page is narrow. */
.fishbone-wrap { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }
.fishbone-wrap figure { margin: 0; }
@media (max-width: 60rem) { .fishbone-wrap { grid-template-columns: minmax(0, 1fr); } }
svg.fishbone { width: 100%; height: auto; font-size: 11px; fill: var(--ink); }
svg.fishbone line { stroke: var(--ink); stroke-width: 1.5; } svg.fishbone line.spine { stroke-width: 3; }
svg.fishbone rect.head { fill: #f6f8fa; stroke: var(--ink); } svg.fishbone text.head, svg.fishbone text.category { font-weight: 700; font-size: 13px; }
svg.fishbone text.none { fill: var(--muted); font-style: italic; }
ul.entries { margin: 0; padding-left: 1.1rem; }
.entry-controls { margin-left: .5rem; font-size: .875rem; white-space: nowrap; }
.entry-controls button { padding: .1rem .5rem; }
@media print { .fishbone-wrap { grid-template-columns: minmax(0, 1fr); break-inside: avoid; } .entry-controls { display: none; } }
/* The import waits for its choice (a required box): shown disabled until the box is ticked. */
form:has(input[name="good_rows_only"]:not(:checked)) button.import { opacity: .45; pointer-events: none; cursor: not-allowed; }
table.changes del { color: var(--bad); } table.changes ins { color: var(--ok); text-decoration: none; font-weight: 600; }
/* Phones (390 px): nothing wider than the screen. The navigation folds behind "Menu", and
   tables stack each row as a card, so no column ends up off-screen. */
@media (max-width: 40rem) {
  header.site { flex-wrap: wrap; gap: .25rem 1rem; padding: .5rem .75rem; }
  header.site nav.wide { display: none; }
  header.site details.site-menu { display: block; order: 3; width: 100%; }
  header.site form.account { margin-left: 0; flex-wrap: wrap; }
  main { padding: .75rem .75rem 2rem; overflow-wrap: anywhere; }
  main table, main tbody, main tr, main td, main th, main caption { display: block; width: auto; }
  main thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  main tr { border: 1px solid var(--line); border-radius: 4px; margin: .5rem 0; padding: .25rem .5rem; }
  main td, main th { border-bottom: 0; padding: .15rem 0; }
  main td:empty { display: none; }
  main td.num, main th.num { text-align: left; }
  main td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
  dl.facts, dl.record, dl.fields { grid-template-columns: minmax(0, 1fr); }
  dl.facts dd, dl.record dd, dl.fields dd { margin-bottom: .35rem; }
  input, select, textarea { max-width: 100%; }
  pre, code { white-space: pre-wrap; overflow-wrap: anywhere; }
  img, svg, video { max-width: 100%; }
}
/* htmx's loading indicator, here rather than injected by htmx: the CSP allows no inline style. */
.htmx-indicator { opacity: 0; }
.htmx-request .htmx-indicator, .htmx-request.htmx-indicator { opacity: 1; transition: opacity 200ms ease-in; }
`;
