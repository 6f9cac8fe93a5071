/**
 * The SMS link target. GET shows the invitation without using it up (link previewers fetch URLs);
 * POST redeems it once. My HER-SYS itself is not part of this reference server: the page says so.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import { esc, page } from '../lib/html.js';
import { inviteTokenKey } from '../lib/invite-token.js';
import type { Deps } from './deps.js';

export function inviteRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  async function find(token: string) {
    const key = inviteTokenKey(token);
    if (key === undefined) return undefined;
    return deps.db
      .selectFrom('observation_invites')
      .selectAll()
      .where('token_hash', '=', key)
      .executeTakeFirst();
  }

  function state(inv: Awaited<ReturnType<typeof find>>): 'ok' | 'used' | 'expired' | 'invalid' {
    if (!inv) return 'invalid';
    if (inv.used_at) return 'used';
    if (inv.expires_at <= deps.clock.now().toISOString()) return 'expired';
    return 'ok';
  }

  const messages = {
    invalid: 'このリンクは無効です。SMSのURLをもう一度ご確認ください。',
    used: 'このリンクはすでに使用されています。保健所にお問い合わせください。',
    expired: 'このリンクは有効期限が切れています。保健所にお問い合わせください。',
  };

  app.get('/invite/:token', async (c) => {
    const token = c.req.param('token');
    const s = state(await find(token));
    if (s !== 'ok')
      return c.html(
        page('健康観察のご案内', `<h1>健康観察のご案内</h1><p>${messages[s]}</p>`),
        s === 'invalid' ? 404 : 410,
      );
    return c.html(
      page(
        '健康観察のご案内',
        `<h1>健康観察（My HER-SYS）のご案内</h1><p>保健所から健康観察のご案内が届いています。下のボタンを押して登録を始めてください。このリンクは1回だけ使えます。</p>
<form method="post" action="/my/invite/${esc(token)}"><button type="submit">登録を始める</button></form>`,
      ),
    );
  });

  app.post('/invite/:token', async (c) => {
    const inv = await find(c.req.param('token'));
    const s = state(inv);
    if (s !== 'ok' || !inv)
      return c.html(
        page('健康観察のご案内', `<h1>健康観察のご案内</h1><p>${messages[s === 'ok' ? 'invalid' : s]}</p>`),
        s === 'invalid' ? 404 : 410,
      );
    const now = deps.clock.now().toISOString();
    const res = await deps.db
      .updateTable('observation_invites')
      .set({ used_at: now })
      .where('id', '=', inv.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1)
      return c.html(page('健康観察のご案内', `<h1>健康観察のご案内</h1><p>${messages.used}</p>`), 410);
    return c.html(
      page(
        '健康観察のご案内',
        `<h1>受け付けました</h1><p>健康観察の登録を受け付けました。毎日の健康状態の入力方法は保健所からご案内します。</p>
<p><small>（このリファレンスサーバーには My HER-SYS の入力画面は含まれていません。）</small></p>`,
      ),
    );
  });
  return app;
}
