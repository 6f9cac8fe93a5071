import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/sign-in/sign-in.js';
import type { HersysSignIn } from '../../src/components/sign-in/sign-in.component.js';
import {
  SignInError,
  createSignInClient,
  type SignedInUser,
} from '../../src/components/sign-in/sign-in-api.js';
import { FakeSignInApi, SignInHarness } from './harness/sign-in-harness.js';

const USER: SignedInUser = {
  userId: 'u-clinic',
  loginId: 'clinic',
  displayName: '東京中央クリニック 河野 和男',
  facilityKind: 'outpatient',
  facilityCode: '1312345678',
  role: 'doctor',
};

async function mount(api: FakeSignInApi, locale = 'ja') {
  const el = await fixture<HersysSignIn>(
    html`<hersys-sign-in .api=${api} locale=${locale} .offerSecurityKey=${false}></hersys-sign-in>`,
  );
  const h = new SignInHarness(el);
  await h.settle();
  return { el, h };
}

describe('<hersys-sign-in>', () => {
  it('first sign-in, keyboard only: ID → 次へ → password → 詳細情報が必要 → phone + SMS → code → 完了 → new password', async () => {
    const api = new FakeSignInApi()
      .on('start', { attemptId: 'A1' })
      .on('password', { next: 'enrollPhone', smsEnabled: true, voiceEnabled: true })
      .on('registerPhone', { method: 'sms', sentTo: '+81 90-****-5678' })
      .on('verifyCode', { next: 'changePassword' })
      .on('changeInitialPassword', { next: 'done', user: USER, offerSecurityKey: true });
    const { el, h } = await mount(api);

    expect(h.heading).to.equal('サインイン');
    expect(h.focused).to.equal('loginId');
    await expect(el).to.be.accessible();
    await h.typeAndEnter('clinic');
    expect(api.calls[0]).to.deep.equal({ op: 'start', args: ['clinic'] });

    expect(h.heading).to.equal('パスワードの入力');
    expect(h.text).to.contain('パスワードを忘れた場合');
    expect(h.focused).to.equal('password');
    await expect(el).to.be.accessible();
    await h.typeAndEnter('Initial-pass-0001');
    expect(api.calls[1]).to.deep.equal({ op: 'password', args: ['A1', 'Initial-pass-0001'] });

    expect(h.heading).to.equal('詳細情報が必要');
    expect(h.text).to.contain('ご使用のアカウントを保護するため、組織ではさらに情報が必要です');
    await expect(el).to.be.accessible();
    await h.press('Enter'); // 次へ has the focus

    expect(h.heading).to.equal('アカウントのセキュリティ保護');
    expect(h.input('country').value).to.equal('+81');
    expect(h.text).to.contain('Japan (+81)');
    expect(h.text).to.contain('コードをSMS送信する');
    expect(h.text).to.contain('電話する');
    await expect(el).to.be.accessible();
    expect(h.focused).to.equal('phone');
    await h.typeAndEnter('090-1234-5678');
    expect(api.calls[2]).to.deep.equal({ op: 'registerPhone', args: ['A1', '090-1234-5678', 'sms'] });

    expect(h.text).to.contain('+81 90-****-5678 にSMSで送信した6桁のコード');
    expect(h.focused).to.equal('code');
    expect(h.input('code').autocomplete).to.equal('one-time-code');
    await expect(el).to.be.accessible();
    await h.typeAndEnter('123456');
    expect(api.calls[3]).to.deep.equal({ op: 'verifyCode', args: ['A1', '123456', undefined] });

    expect(h.heading).to.equal('電話番号を登録しました');
    expect(h.button('完了')).to.equal(h.root.activeElement);
    await expect(el).to.be.accessible();
    await h.press('Enter');

    expect(h.heading).to.equal('パスワードの変更');
    expect(h.text).to.contain('現在のパスワード');
    expect(h.text).to.contain('新しいパスワード');
    expect(h.focused).to.equal('currentPassword');
    await expect(el).to.be.accessible();
    const signedIn = oneEvent(el, 'hersys-signed-in');
    h.input('currentPassword').value = 'Initial-pass-0001';
    h.input('newPassword').focus();
    await h.typeAndEnter('kumo-no-ue-no-ryokan-77');
    expect(api.calls[4]).to.deep.equal({
      op: 'changeInitialPassword',
      args: ['A1', 'Initial-pass-0001', 'kumo-no-ue-no-ryokan-77'],
    });
    const ev = await signedIn;
    expect(ev.detail.user).to.deep.equal(USER);
    expect(h.heading).to.equal('サインインしました');
    expect(h.text).to.contain('東京中央クリニック 河野 和男');
  });

  it('later sign-in: choose the voice call, a wrong code says how many tries are left, then the right one', async () => {
    const api = new FakeSignInApi()
      .on('start', { attemptId: 'A2' })
      .on('password', { next: 'secondFactor', methods: ['sms', 'voice'], phoneHint: '+81 90-****-5678' })
      .on('sendCode', { method: 'voice', sentTo: '+81 90-****-5678' })
      .on('verifyCode', new SignInError('invalid_code', 'x', { status: 401, triesLeft: 3 }), {
        next: 'done',
        user: USER,
      });
    const { el, h } = await mount(api);
    await h.typeAndEnter('clinic');
    await h.typeAndEnter('kumo-no-ue-no-ryokan-77');
    expect(h.heading).to.equal('本人確認');
    expect(h.text).to.contain('SMSでコードを受け取る（+81 90-****-5678）');
    await expect(el).to.be.accessible();
    // Arrow keys move within the radio group; Enter submits.
    h.root.querySelector<HTMLInputElement>('input[value="sms"]')!.focus();
    await h.press('ArrowDown');
    await h.press('Enter');
    expect(api.calls[2]).to.deep.equal({ op: 'sendCode', args: ['A2', 'voice'] });
    expect(h.text).to.contain('+81 90-****-5678 に電話しています');
    await h.typeAndEnter('000000');
    expect(h.error).to.equal('コードが正しくありません。あと3回入力できます。');
    expect(h.input('code').value).to.equal('');
    expect(h.focused).to.equal('code');
    await expect(el).to.be.accessible();
    const signedIn = oneEvent(el, 'hersys-signed-in');
    await h.typeAndEnter('654321');
    expect((await signedIn).detail.user.loginId).to.equal('clinic');
  });

  it('a wrong password or unknown ID: one message, password cleared, focus back; throttling says how long to wait', async () => {
    const api = new FakeSignInApi()
      .on('start', { attemptId: 'A3' })
      .on(
        'password',
        new SignInError('invalid_credentials', 'x', { status: 401 }),
        new SignInError('slow_down', 'x', { status: 429, retryAfterSeconds: 8 }),
      );
    const { el, h } = await mount(api);
    await h.typeAndEnter('clinic');
    await h.typeAndEnter('wrong-password');
    expect(h.error).to.equal('IDまたはパスワードが正しくありません。');
    expect(h.input('password').value).to.equal('');
    expect(h.focused).to.equal('password');
    expect(h.root.querySelector('[part~="error"]')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    // パスワードを表示する (ASVS 2.1.12).
    expect(h.input('password').type).to.equal('password');
    h.input('show').click();
    await h.settle();
    expect(h.input('password').type).to.equal('text');
    h.input('password').focus();
    await h.typeAndEnter('wrong-again');
    expect(h.error).to.equal('試行回数が多すぎます。8秒待ってからもう一度お試しください。');
  });

  it('an expired attempt goes back to the ID with the reason; empty fields are caught before calling', async () => {
    const api = new FakeSignInApi()
      .on('start', { attemptId: 'A4' })
      .on('password', new SignInError('attempt_expired', 'x', { status: 401 }));
    const { h } = await mount(api);
    await h.press('Enter');
    expect(h.fieldError('loginId')).to.equal('入力してください。');
    expect(h.input('loginId').getAttribute('aria-invalid')).to.equal('true');
    expect(h.input('loginId').getAttribute('aria-describedby')).to.contain('loginId-error');
    expect(api.calls).to.have.length(0);
    await h.typeAndEnter('clinic');
    await h.typeAndEnter('whatever-password');
    expect(h.host.screen).to.equal('loginId');
    expect(h.error).to.equal('サインインの有効期限が切れました。IDの入力からやり直してください。');
    expect(h.input('loginId').value).to.equal('clinic');
  });

  it("the server's field issues appear at the field (phone, new password)", async () => {
    const api = new FakeSignInApi()
      .on('start', { attemptId: 'A5' })
      .on('password', { next: 'enrollPhone', smsEnabled: true, voiceEnabled: true })
      .on(
        'registerPhone',
        new SignInError('validation_failed', 'x', {
          status: 400,
          issues: [{ path: 'phone', code: 'phone.smsNeedsMobile' }],
        }),
        { method: 'voice', sentTo: '+81 3-****-5678' },
      )
      .on('verifyCode', { next: 'changePassword' })
      .on(
        'changeInitialPassword',
        new SignInError('validation_failed', 'x', {
          status: 400,
          issues: [{ path: 'newPassword', code: 'password.tooShort', params: { min: 12 } }],
        }),
      );
    const { el, h } = await mount(api);
    await h.typeAndEnter('minato-hc');
    await h.typeAndEnter('Initial-pass-0002');
    await h.press('Enter');
    h.input('phone').focus();
    await h.typeAndEnter('03-1234-5678');
    expect(h.fieldError('phone')).to.equal(
      'SMSは携帯電話の番号にのみ送れます。固定電話は「電話する」を選んでください。',
    );
    expect(h.focused).to.equal('phone');
    await expect(el).to.be.accessible();
    h.root.querySelector<HTMLInputElement>('input[value="voice"]')!.click();
    await h.click('次へ');
    expect(api.calls.at(-1)).to.deep.equal({ op: 'registerPhone', args: ['A5', '03-1234-5678', 'voice'] });
    await h.typeAndEnter('123456');
    await h.press('Enter'); // 完了
    h.input('currentPassword').value = 'Initial-pass-0002';
    h.input('newPassword').focus();
    await h.typeAndEnter('short');
    expect(h.fieldError('newPassword')).to.equal('12文字以上にしてください。');
    expect(h.input('newPassword').getAttribute('aria-describedby')).to.equal(
      'newPassword-hint newPassword-error',
    );
    await expect(el).to.be.accessible();
  });

  it('「アカウントにアクセスできない場合」 shows whom to ask (from the back end, in the locale)', async () => {
    const api = new FakeSignInApi().on('help', {
      ja: '管轄の保健所にお問い合わせください。',
      en: 'Ask your health center.',
    });
    const { el, h } = await mount(api);
    const link = h.button('アカウントにアクセスできない場合');
    expect(link.getAttribute('aria-expanded')).to.equal('false');
    await h.click('アカウントにアクセスできない場合');
    expect(link.getAttribute('aria-expanded')).to.equal('true');
    expect(h.root.querySelector('#help')!.textContent).to.contain('管轄の保健所にお問い合わせください。');
    await expect(el).to.be.accessible();
  });

  it('English', async () => {
    const api = new FakeSignInApi()
      .on('start', { attemptId: 'A6' })
      .on('password', new SignInError('invalid_credentials', 'x', { status: 401 }));
    const { el, h } = await mount(api, 'en');
    expect(h.heading).to.equal('Sign in');
    expect(h.text).to.contain('HER-SYS login ID');
    expect(h.text).to.contain("Can't access your account?");
    await h.typeAndEnter('clinic');
    expect(h.heading).to.equal('Enter password');
    expect(h.text).to.contain('Forgot my password');
    await h.typeAndEnter('nope-nope-nope');
    expect(h.error).to.equal('The ID or password is incorrect.');
    await expect(el).to.be.accessible();
  });

  it('security key as the second factor (the browser credential API answering), and a cancelled prompt', async () => {
    const original = navigator.credentials.get.bind(navigator.credentials);
    const bytes = (s: string) => new TextEncoder().encode(s).buffer;
    let answer: 'ok' | 'cancel' = 'cancel';
    navigator.credentials.get = async () => {
      if (answer === 'cancel')
        throw new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError');
      return {
        id: 'Y3JlZA',
        rawId: bytes('cred'),
        type: 'public-key',
        authenticatorAttachment: 'cross-platform',
        response: {
          authenticatorData: bytes('auth'),
          clientDataJSON: bytes('{}'),
          signature: bytes('sig'),
          userHandle: null,
        },
        getClientExtensionResults: () => ({}),
      } as unknown as Credential;
    };
    try {
      const options = {
        challenge: 'Y2hhbGxlbmdl',
        rpId: 'localhost',
        allowCredentials: [{ id: 'Y3JlZA', type: 'public-key' }],
      };
      const api = new FakeSignInApi()
        .on('start', { attemptId: 'A7' })
        .on('password', { next: 'secondFactor', methods: ['webauthn', 'sms'], phoneHint: '+81 90-****-5678' })
        .on('securityKeyOptions', options, options)
        .on('securityKeyVerify', { next: 'done', user: USER });
      const { el, h } = await mount(api);
      await h.typeAndEnter('clinic');
      await h.typeAndEnter('kumo-no-ue-no-ryokan-77');
      expect(h.text).to.contain('セキュリティキー / パスキー');
      await h.click('次へ');
      await h.settle();
      expect(h.heading).to.equal('セキュリティキーの確認');
      expect(h.error).to.equal('セキュリティキーの操作が取り消されたか、時間切れになりました。');
      await expect(el).to.be.accessible();
      answer = 'ok';
      const signedIn = oneEvent(el, 'hersys-signed-in');
      await h.click('もう一度試す');
      await signedIn;
      const verify = api.calls.find((c) => c.op === 'securityKeyVerify')!;
      expect((verify.args[1] as { id: string }).id).to.equal('Y3JlZA');
    } finally {
      navigator.credentials.get = original;
    }
  });

  it('offers to register a security key after signing in; あとで skips it', async () => {
    const api = new FakeSignInApi()
      .on('start', { attemptId: 'A8' })
      .on('password', { next: 'secondFactor', methods: ['totp'] })
      .on('verifyCode', { next: 'done', user: USER, offerSecurityKey: true });
    Object.assign(api, {
      registerSecurityKeyOptions: async () => ({}),
      registerSecurityKeyVerify: async () => {},
    });
    const el = await fixture<HersysSignIn>(html`<hersys-sign-in .api=${api}></hersys-sign-in>`);
    const h = new SignInHarness(el);
    await h.settle();
    await h.typeAndEnter('clinic');
    await h.typeAndEnter('kumo-no-ue-no-ryokan-77');
    await h.press('Enter'); // the only method: 認証アプリ
    expect(h.text).to.contain('認証アプリに表示されている6桁のコード');
    await h.typeAndEnter('123456');
    expect(api.calls.at(-1)).to.deep.equal({ op: 'verifyCode', args: ['A8', '123456', 'totp'] });
    expect(h.heading).to.equal('セキュリティキーを登録しますか');
    await expect(el).to.be.accessible();
    const signedIn = oneEvent(el, 'hersys-signed-in');
    await h.click('あとで');
    expect((await signedIn).detail.user).to.deep.equal(USER);
  });
});

describe('<hersys-sign-in mode="reauth">', () => {
  it('confirms the signed-in user again: password and second factor, then hersys-reauthenticated', async () => {
    const api = new FakeSignInApi()
      .on('password', { next: 'secondFactor', methods: ['sms'], phoneHint: '+81 90-****-5678' })
      .on('sendCode', { method: 'sms', sentTo: '+81 90-****-5678' })
      .on('verifyCode', { next: 'done', reauthenticated: true });
    Object.assign(api, { reauth: async () => ({ attemptId: 'R1', loginId: 'clinic' }) });
    const el = await fixture<HersysSignIn>(html`<hersys-sign-in mode="reauth" .api=${api}></hersys-sign-in>`);
    const h = new SignInHarness(el);
    await h.settle();
    expect(h.heading).to.equal('パスワードの入力');
    expect(h.text).not.to.contain('別のIDでサインイン');
    expect(h.focused).to.equal('password');
    await expect(el).to.be.accessible();
    await h.typeAndEnter('kumo-no-ue-no-ryokan-77');
    expect(api.calls[0]).to.deep.equal({ op: 'password', args: ['R1', 'kumo-no-ue-no-ryokan-77'] });
    await h.press('Enter');
    const done = oneEvent(el, 'hersys-reauthenticated');
    await h.typeAndEnter('123456');
    await done;
    expect(h.text).to.contain('本人確認が完了しました');
  });
});

describe('createSignInClient', () => {
  it('sends the CSRF token with state changes and turns refusals into SignInError', async () => {
    const seen: { url: string; init?: RequestInit }[] = [];
    const fake = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      seen.push({ url, init });
      if (url.endsWith('/api/auth/csrf'))
        return new Response(JSON.stringify({ token: 'T0K' }), { status: 200 });
      if (url.endsWith('/api/auth/login-id'))
        return new Response(JSON.stringify({ attemptId: 'A', next: 'password' }), { status: 200 });
      return new Response(
        JSON.stringify({ error: { code: 'slow_down', message: 'wait' }, retryAfterSeconds: 4 }),
        {
          status: 429,
          headers: { 'retry-after': '4' },
        },
      );
    };
    const client = createSignInClient({ baseUrl: 'https://hersys.example', fetch: fake as typeof fetch });
    expect(await client.start('clinic')).to.deep.equal({ attemptId: 'A', next: 'password' });
    const post = seen.find((s) => s.url.endsWith('/login-id'))!;
    expect((post.init!.headers as Record<string, string>)['x-csrf-token']).to.equal('T0K');
    expect(post.init!.body).to.equal('{"loginId":"clinic"}');
    let error: unknown;
    try {
      await client.password('A', 'x');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(SignInError);
    expect((error as SignInError).code).to.equal('slow_down');
    expect((error as SignInError).details.retryAfterSeconds).to.equal(4);
    expect(seen.filter((s) => s.url.endsWith('/csrf'))).to.have.length(1);
  });
});
