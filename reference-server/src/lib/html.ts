/** Escapes text for HTML element content and attribute values. */
export function esc(s: unknown): string {
  return String(s ?? '').replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>
body{font-family:system-ui,"Noto Sans JP",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1a1a1a;line-height:1.5}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left;font-size:.9rem}
th{background:#f0f3f7}pre{white-space:pre-wrap;margin:0;font-family:inherit}code{font-size:.85rem}
.ok{color:#176e2e}.ng{color:#a0151b}.pending{color:#8a5a00}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
.method{display:inline-block;min-width:4.5rem;font-weight:bold}button{font-size:1rem;padding:.5rem 1.5rem}
</style></head><body>${body}</body></html>`;
}
