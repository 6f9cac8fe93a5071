/**
 * The app's own strings (the SDK components translate themselves through their `locale` property).
 * Japanese is the product language; English is a gloss for non-Japanese-speaking staff and reviewers.
 */
export type Locale = 'ja' | 'en';

const ja = {
  'app.title': '発生届',
  'app.subtitle': '新型コロナウイルス感染者等情報把握・管理支援（HER-SYS ver.2 様式）',
  'app.skip': 'メインコンテンツへ移動',
  'app.loading': '読み込み中…',
  'app.devMode': '開発モード',
  'app.devModeNote': '開発モード: 固定のデモ利用者で動作しています。本番では使えません。',
  'app.facilityKind.outpatient': '外来医療機関',
  'app.facilityKind.inpatient': '入院医療機関',
  'app.facilityKind.healthCenter': '保健所',
  'app.facilityKind.prefecture': '都道府県',
  'app.language': '言語',
  'app.notFound': 'このページは見つかりません。',
  'app.toHome': 'ホームへ戻る',
  'app.meFailed': '利用者情報を取得できませんでした。',
  'app.retry': '再試行',
  'auth.signOut': 'サインアウト',
  'auth.signedOut': 'サインアウトしました。',
  'auth.signInHeading': 'サインイン',
  'auth.sessionEnded': 'セッションが終了しました。もう一度サインインしてください。',
  'auth.devOutbox': '開発環境: SMS・音声のコードは /dev/outbox に表示されます。',
  'menu.group.account': 'アカウント',
  'menu.sessions': 'セッション',
  'sessions.heading': 'セッション',
  'sessions.intro': 'このアカウントでサインインしている端末です。心当たりのないものは終了してください。',
  'sessions.created': 'サインイン',
  'sessions.lastSeen': '最終操作',
  'sessions.from': '接続元',
  'sessions.device': 'ブラウザ',
  'sessions.current': 'この端末',
  'sessions.end': '終了',
  'sessions.ended': 'セッションを終了しました。',
  'sessions.none': 'セッションはありません。',

  'menu.open': 'メニュー',
  'menu.label': 'メインメニュー',
  'menu.close': 'メニューを閉じる',
  'menu.home': 'ホーム',
  'menu.group.registration': '感染者等の登録と一覧',
  'menu.newRegistration': '新規登録',
  'menu.patientList': '登録情報一覧',
  'menu.oldPatientList': '旧登録情報一覧',
  'menu.group.tests': 'PCR検査と発生届',
  'menu.testResults': '検査結果一覧',
  'menu.reportList': '発生届一覧',
  'menu.group.observation': '健康観察と入院状況',
  'menu.observationList': '健康観察一覧',
  'menu.admissionList': '入院状況一覧',
  'menu.manual': '操作マニュアル',
  'menu.faq': 'FAQ（準備中）',
  'menu.notAvailable': 'このアプリでは未対応',

  'home.heading': 'ホーム',
  'home.newGroup': '新たに発生届を提出する場合、発生届の提出前に使用する場合',
  'home.new': '新たに発生届を提出',
  'home.newText':
    '発生届を新規登録できます。発生届に登録された情報を基に、他のタブの同一項目にも自動反映されます。※ 複数人分の発生届を連続して新規登録することができます。',
  'home.pre': '発生届の提出前に使用',
  'home.preText': '発生届の提出前に、氏名や担当保健所、基礎疾患の有無、検査等の情報を入力できます。',
  'home.viewGroup': '入力済の情報を閲覧・編集する場合',
  'home.view': '閲覧・編集',
  'home.viewText': '既に入力済の情報については、こちらから閲覧・編集を行ってください。',
  'home.import': '発生届のエクセルインポート',
  'home.importText': 'エクセルインポート機能を使用して、複数人分の発生届を新規に一括登録することができます。',

  'pre.heading': 'ID管理（発生届の提出前に使用）',
  'pre.intro':
    '発生届の提出前に、氏名などを登録して HER-SYS ID を発行します。ここで入力した内容は、発生届の提出時に自動反映されます。',
  'pre.done': '登録しました。HER-SYS ID: {id}',
  'pre.identityNotSaved':
    '登録しました（HER-SYS ID は発行済み）が、ID管理の一部を保存できませんでした：{message} ID管理タブで入力してください。',

  'list.heading': '登録情報一覧',
  'list.new': '新規作成',

  'patient.herSysId': 'HER-SYS ID',
  'patient.name': '患者名',
  'patient.sex': '性別',
  'patient.age': '年齢',
  'patient.ageValue': '{n}歳',
  'patient.address': '住所',
  'patient.status': '現在のステータス',
  'patient.heading': '閲覧・編集',
  'patient.fileReport': '発生届を提出',
  'lists.title': '一覧',

  'report.tab': '発生届',
  'report.firstReported': '初回報告：{by}（{date}）',
  'report.lastUpdated': '最終更新：{by}（{date}）',
  'report.confirmed': '保健所確認済：{date}',
  'report.notConfirmed': '保健所未確認',
  'report.menu': '操作メニュー',
  'report.menuBottom': '操作メニュー（下部）',
  'report.edit': '編集',
  'report.copy': 'コピーして追加登録',
  'report.add': '追加登録',
  'report.delete': '削除',
  'report.pdf': 'PDF（印刷用）',
  'report.printId': 'HER-SYS ID印字',
  'report.deletedBanner': 'この発生届は削除されています（{date}）。',
  'report.deleteTitle': '以下の内容を削除します',
  'report.deleteDate': '報告日 {date}',
  'report.deleteReason': '削除の理由（任意）',
  'report.cancel': 'キャンセル',
  'report.markConfirmed': '保健所確認済にする',
  'report.confirmedDone': '保健所確認済にしました。',
  'report.restore': '復元',
  'report.restored': '発生届を復元しました。',
  'report.deleted': '発生届を削除しました。',
  'report.saved': '発生届を保存しました（版 {version}）。',
  'report.editHeading': '発生届の編集',
  'report.save': '保存',
  'report.saving': '保存中…',
  'report.discard': '編集をやめる',
  'report.conflict':
    '保存できませんでした: この発生届は、あなたが編集を始めた後に {by} が更新しました（{date}、版 {version}）。あなたの編集内容はそのまま残っています。下の最新の内容を確認し、必要なら編集を反映して「最新版に上書き保存」を押してください。',
  'report.conflictCurrent': '現在保存されている内容（版 {version}）',
  'report.overwrite': '最新版に上書き保存',
  'report.takeCurrent': '自分の編集を破棄して最新版を開く',
  'report.hasErrors': '入力内容に誤りがあります。赤く表示された項目を確認してください。',
  'report.copyHeading': 'コピーして追加登録',
  'report.addHeading': '追加登録',
  'report.newHeading': '発生届（ver.2）',
  'report.forPatient': '{name}（HER-SYS ID {id}）への追加登録',

  'flow.completeRegistered': '登録しました。HER-SYS ID: {id}',
  'flow.noComponents': '発生届の入力部品（hersys-report-flow）を読み込めませんでした。',
  'flow.maybeFiled':
    '前回の「報告」がすでに受け付けられている可能性があります。二重登録を防ぐため、送信を止めました。登録情報一覧で確認してください。入力内容は失われていません。',

  'error.network':
    'サーバーに接続できませんでした。通信環境を確認して、もう一度お試しください。入力内容は失われていません。',
  'error.server':
    'サーバーでエラーが発生しました（{status}）。入力内容は失われていません。しばらくしてからもう一度お試しください。',
  'error.notFound': '見つかりませんでした（削除されたか、閲覧権限がありません）。',
  'error.validation': '入力内容に誤りがあります（{n}件）。',
  'error.confirmationMismatch': '報告日が一致しないため削除できませんでした。画面を再読み込みしてください。',
  'error.deleted': 'この発生届は削除されているため編集できません。',
  'error.conflict':
    'ほかの人が先に更新したため保存できませんでした。入力内容は失われていません。画面を再読み込みして最新の内容を確認してください。',
  'error.unauthenticated': 'サインインしていません。',
  'error.forbidden': 'この操作の権限がありません。',
  'error.tooLarge': '入力内容が大きすぎます。',
  'error.requestId': '問い合わせ番号: {id}',
  'error.dismiss': '閉じる',
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  'app.title': 'Occurrence report',
  'app.subtitle': 'COVID-19 case information management (HER-SYS ver.2 form)',
  'app.skip': 'Skip to main content',
  'app.loading': 'Loading…',
  'app.devMode': 'Development mode',
  'app.devModeNote': 'Development mode: running as a fixed demo user. Cannot be enabled in production.',
  'app.facilityKind.outpatient': 'Outpatient institution',
  'app.facilityKind.inpatient': 'Inpatient institution',
  'app.facilityKind.healthCenter': 'Health center',
  'app.facilityKind.prefecture': 'Prefecture',
  'app.language': 'Language',
  'app.notFound': 'This page does not exist.',
  'app.toHome': 'Back to home',
  'app.meFailed': 'Could not load the signed-in user.',
  'app.retry': 'Retry',
  'auth.signOut': 'Sign out',
  'auth.signedOut': 'You have signed out.',
  'auth.signInHeading': 'Sign in',
  'auth.sessionEnded': 'Your session has ended. Please sign in again.',
  'auth.devOutbox': 'Development: SMS and voice codes appear on /dev/outbox.',
  'menu.group.account': 'Account',
  'menu.sessions': 'Sessions',
  'sessions.heading': 'Sessions',
  'sessions.intro': 'Devices signed in to this account. End any you do not recognise.',
  'sessions.created': 'Signed in',
  'sessions.lastSeen': 'Last activity',
  'sessions.from': 'From',
  'sessions.device': 'Browser',
  'sessions.current': 'This device',
  'sessions.end': 'End',
  'sessions.ended': 'The session was ended.',
  'sessions.none': 'No sessions.',

  'menu.open': 'Menu',
  'menu.label': 'Main menu',
  'menu.close': 'Close menu',
  'menu.home': 'Home',
  'menu.group.registration': 'Registering and listing cases',
  'menu.newRegistration': 'New registration',
  'menu.patientList': 'Registered information',
  'menu.oldPatientList': 'Registered information (old)',
  'menu.group.tests': 'PCR tests and reports',
  'menu.testResults': 'Test results',
  'menu.reportList': 'Occurrence reports',
  'menu.group.observation': 'Health observation and admissions',
  'menu.observationList': 'Health observation',
  'menu.admissionList': 'Admission status',
  'menu.manual': 'Operation manual',
  'menu.faq': 'FAQ (in preparation)',
  'menu.notAvailable': 'Not available in this app',

  'home.heading': 'Home',
  'home.newGroup': 'To file a new occurrence report, or to use before filing',
  'home.new': 'File a new occurrence report',
  'home.newText':
    'Register a new occurrence report. Its data fills the same items on the other tabs. ※ You can register reports for several people in a row.',
  'home.pre': 'Use before filing',
  'home.preText':
    'Before filing, enter the name, responsible health center, underlying conditions, tests and so on.',
  'home.viewGroup': 'To view or edit what was entered',
  'home.view': 'View / edit',
  'home.viewText': 'View and edit information already entered here.',
  'home.import': 'Excel import of occurrence reports',
  'home.importText': 'Register reports for several people at once from an Excel file.',

  'pre.heading': 'ID management (use before filing)',
  'pre.intro':
    'Register the person and get a HER-SYS ID before filing the report. What you enter here fills the report later.',
  'pre.done': 'Registered. HER-SYS ID: {id}',
  'pre.identityNotSaved':
    'Registered (the HER-SYS ID is issued), but part of the ID details could not be saved: {message} Please enter them in the ID tab.',

  'list.heading': 'Registered information',
  'list.new': 'New',

  'patient.herSysId': 'HER-SYS ID',
  'patient.name': 'Name',
  'patient.sex': 'Sex',
  'patient.age': 'Age',
  'patient.ageValue': '{n}',
  'patient.address': 'Address',
  'patient.status': 'Current status',
  'patient.heading': 'View and edit',
  'patient.fileReport': 'File an occurrence report',
  'lists.title': 'List',

  'report.tab': 'Occurrence report',
  'report.firstReported': 'First reported: {by} ({date})',
  'report.lastUpdated': 'Last updated: {by} ({date})',
  'report.confirmed': 'Confirmed by the health center: {date}',
  'report.notConfirmed': 'Not yet confirmed by the health center',
  'report.menu': 'Operations',
  'report.menuBottom': 'Operations (bottom)',
  'report.edit': 'Edit',
  'report.copy': 'Copy as a new report',
  'report.add': 'Add a report',
  'report.delete': 'Delete',
  'report.pdf': 'PDF (for printing)',
  'report.printId': 'Print HER-SYS ID',
  'report.deletedBanner': 'This report was deleted ({date}).',
  'report.deleteTitle': 'The following will be deleted',
  'report.deleteDate': 'Report date {date}',
  'report.deleteReason': 'Reason (optional)',
  'report.cancel': 'Cancel',
  'report.markConfirmed': 'Mark as confirmed by the health center',
  'report.confirmedDone': 'Marked as confirmed by the health center.',
  'report.restore': 'Restore',
  'report.restored': 'The report was restored.',
  'report.deleted': 'The report was deleted.',
  'report.saved': 'The report was saved (version {version}).',
  'report.editHeading': 'Edit the occurrence report',
  'report.save': 'Save',
  'report.saving': 'Saving…',
  'report.discard': 'Stop editing',
  'report.conflict':
    'Not saved: {by} updated this report after you started editing ({date}, version {version}). Your edit is still here. Check the current content below, then press “Save over the latest version” if your edit should win.',
  'report.conflictCurrent': 'What is stored now (version {version})',
  'report.overwrite': 'Save over the latest version',
  'report.takeCurrent': 'Discard my edit and open the latest version',
  'report.hasErrors': 'The report has errors. Check the fields marked in red.',
  'report.copyHeading': 'Copy as a new report',
  'report.addHeading': 'Add a report',
  'report.newHeading': 'Occurrence report (ver.2)',
  'report.forPatient': 'New report for {name} (HER-SYS ID {id})',

  'flow.completeRegistered': 'Registered. HER-SYS ID: {id}',
  'flow.noComponents': 'The report components (hersys-report-flow) could not be loaded.',
  'flow.maybeFiled':
    'The previous “Report” may already have been accepted. To avoid a duplicate, nothing was sent. Check the registered information list. Nothing you typed was lost.',

  'error.network':
    'Could not reach the server. Check the connection and try again. Nothing you typed was lost.',
  'error.server': 'The server failed ({status}). Nothing you typed was lost. Please try again later.',
  'error.notFound': 'Not found (deleted, or not visible to your facility).',
  'error.validation': 'The input has errors ({n}).',
  'error.confirmationMismatch': 'Not deleted: the report date did not match. Reload the page.',
  'error.deleted': 'This report was deleted and cannot be edited.',
  'error.conflict':
    'Someone else saved first, so this was not saved. Nothing you typed was lost. Reload to see the current content.',
  'error.unauthenticated': 'You are not signed in.',
  'error.forbidden': 'You may not do this.',
  'error.tooLarge': 'The input is too large.',
  'error.requestId': 'Request id: {id}',
  'error.dismiss': 'Dismiss',
};

const tables: Record<Locale, Record<MessageKey, string>> = { ja, en };

/** Translates a key, filling `{name}` placeholders. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = tables[locale][key] ?? ja[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

const LOCALE_KEY = 'hersys-app-locale';

export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    if (saved === 'ja' || saved === 'en') return saved;
  } catch {
    // storage disabled: fall through
  }
  return 'ja';
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

/** `2022-06-22` → `2022年06月22日` (ja, as the manual prints it) or `2022-06-22` (en). */
export function formatDate(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '-';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return locale === 'ja' ? `${m[1]}年${m[2]}月${m[3]}日` : `${m[1]}-${m[2]}-${m[3]}`;
}

/** `2022-06-22` → `2022/06/22` (list columns, as the manual's table shows them). */
/** The calendar date (Japan time) of an ISO timestamp: `2022-06-21T16:00:00Z` → `2022-06-22`. */
export function tokyoDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}

/** An ISO timestamp in Japan time: `2022年06月22日 14:05` / `2022-06-22 14:05`. */
export function formatDateTime(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  return `${formatDate(locale, date)} ${get('hour')}:${get('minute')}`;
}

/** Labels of the server's ID-management codes (see docs/api.md). */
export const STATUS_LABELS = {
  unspecified: { ja: '指定なし', en: 'Unspecified' },
  awaitingResult: { ja: '検査結果待ち', en: 'Awaiting result' },
  homeCare: { ja: '自宅療養中', en: 'Home care' },
  hotelCare: { ja: '宿泊療養中', en: 'Hotel care' },
  hospitalized: { ja: '入院中', en: 'Hospitalized' },
  facilityCare: { ja: '施設療養中', en: 'Facility care' },
  released: { ja: '療養解除', en: 'Released' },
  deceased: { ja: '死亡', en: 'Deceased' },
  noRecord: { ja: '記録なし', en: 'No record' },
} as const;

export function labelFrom(
  table: Record<string, { ja: string; en: string }>,
  code: string | null | undefined,
  locale: Locale,
): string {
  if (!code) return '-';
  return table[code]?.[locale] ?? code;
}
