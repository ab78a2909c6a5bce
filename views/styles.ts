/** The one stylesheet, served at /static/vigil.css: plain, legible, printable. */
export const stylesheet = `
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --bad: #a40e26; --bad-bg: #ffebe9; --ok: #116329; --warn: #7d4e00; --accent: #0b4f8a; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
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
@media print { header.site nav, .skip { display: none; } }
`;
