import { Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import { esc, page } from '../lib/html.js';
import type { Deps } from './deps.js';

/** /dev/outbox: every mail and SMS the server queued, with its delivery status (development only). */
export function devRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/outbox', async (c) => {
    const rows = await deps.db
      .selectFrom('outbox')
      .leftJoin('outbox_payloads', 'outbox_payloads.id', 'outbox.id')
      .selectAll('outbox')
      .select('outbox_payloads.payload')
      .orderBy('outbox.created_at', 'desc')
      .orderBy('outbox.id')
      .limit(500)
      .execute();
    const trs = rows
      .map((r) => {
        const p = JSON.parse(r.payload ?? '{"to":"","text":""}') as {
          to: string;
          subject?: string;
          text: string;
          toName?: string;
        };
        const cls = r.status === 'sent' ? 'ok' : r.status === 'dead' ? 'ng' : 'pending';
        return `<tr><td>${esc(r.created_at)}</td><td>${r.kind === 'mail' ? 'メール' : 'SMS'}</td>
<td>${esc(p.toName ? `${p.toName} <${p.to}>` : p.to)}</td>
<td>${p.subject ? `<strong>${esc(p.subject)}</strong><br>` : ''}<pre>${esc(p.text)}</pre></td>
<td class="${cls}">${esc(r.status)}${r.sent_at ? `<br>${esc(r.sent_at)}` : ''}<br>試行 ${r.attempts}${r.last_error ? `<br>${esc(r.last_error)}` : ''}</td></tr>`;
      })
      .join('\n');
    return c.html(
      page(
        'Outbox (development)',
        `<h1>送信箱（開発用）: メールとSMS</h1><p>${rows.length} 件（新しい順、最大500件）。本番環境ではこのページは表示されません。</p>
<table><thead><tr><th>作成</th><th>種別</th><th>宛先</th><th>内容</th><th>状態</th></tr></thead><tbody>${trs}</tbody></table>`,
      ),
    );
  });
  return app;
}
